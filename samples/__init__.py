"""The sample decrees: seed texts, gold records, and the layout family drawn from the gold (`samples.render`)."""
