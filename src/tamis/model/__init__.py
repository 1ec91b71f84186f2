"""The content classifier: hashed features, a linear model, training, evaluation and the build entry point."""
