package auth

import "rebound/web/components"

// LoginFields is the sign-in form (Login).
type LoginFields struct {
	components.Problems
	Email, Password components.Text
}

// AccountFields is the form of a new account or password (Signup,
// SetPassword): a name and e-mail only where they are asked.
type AccountFields struct {
	components.Problems
	Name, Email, Password components.Text
}
