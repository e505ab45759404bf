"""Web screens over the store: a review desk for data officers and comparisons for analysts."""
