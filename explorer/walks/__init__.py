"""Solo walks that keep their work: saved as they go (`journal`), resumed with their notes, the
endings seen and a walk marked for comparison (`session`)."""
