package training

import (
	"strings"
	"time"
)

// Athlete is an athlete as their coach keeps them.
type Athlete struct {
	ID         int64
	CoachID    int64
	CoachName  string
	Joined     bool // the athlete has their own account
	CreatedAt  time.Time
	ArchivedAt *time.Time
	Invite     InviteState
	Profile
}

// Profile is what the coach knows of the athlete and plans from. Zero
// numbers mean "not known".
type Profile struct {
	Name             string
	Email            string
	Timezone         string
	Sports           []string // of Sports
	Units            string   // km or mi: how distances are shown
	WeekStartsSunday bool
	BirthYear        int
	Experience       string // of Experiences
	WeeklyMinutes    int
	WeeklyRunM       int
	WeeklyBikeM      int
	ThresholdHR      int
	MaxHR            int
	ThresholdPace    int // seconds per km, run
	FTP              int // watts, bike
	Notes            string
	Tags             []string // groups on the dashboard, e.g. "Marathon squad"
}

// Experiences are the levels of experience an athlete can have.
var Experiences = []string{"beginner", "intermediate", "advanced"}

// InviteState is where the athlete's latest invite stands.
type InviteState struct {
	Status    string // none, open, expired, revoked or used
	ExpiresAt time.Time
}

// FirstName is the first word of a name, as a greeting or a proposal
// addresses the person: "Sofia" of "Sofia Marín".
func FirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}
