package store

// Classify puts an error from outside the store's own methods, but from
// its pool (the session store's), in the app's vocabulary: Unavailable
// when the database cannot be reached, Internal otherwise.
func Classify(err error) error { return wrap(err, "session") }
