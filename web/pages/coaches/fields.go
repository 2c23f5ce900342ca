package coaches

import "rebound/web/components"

// InviteFields is the form to invite a coach (in List).
type InviteFields struct {
	components.Problems
	Email components.Text // optional: only to e-mail the link
}
