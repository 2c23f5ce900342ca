package training

// The limits of a recovery workout: very easy, or it does not let the
// athlete recover. Above RPE 3 is CR-10 "moderate" (Foster et al. 2001);
// zones 1–2 are the easy aerobic ones, whichever model the zones follow.
const (
	RecoveryMaxRPE  = 3
	RecoveryMaxZone = 2
)

// RecoveryEasy reports whether a recovery workout planned at this RPE and
// zone (0: none set), with these minutes of hard work, stays very easy.
func RecoveryEasy(rpe float64, zone, hardMinutes int) bool {
	return rpe <= RecoveryMaxRPE && zone <= RecoveryMaxZone && hardMinutes <= 0
}
