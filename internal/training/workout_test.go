package training

import "testing"

func TestKeyAndProtectedKinds(t *testing.T) {
	for _, c := range []struct {
		kind                          string
		key, mayBeKey, protects, easy bool
	}{
		{KindRest, false, false, true, true},
		{KindRecovery, false, false, true, true},
		{KindEasy, false, true, false, true},
		{KindLong, true, true, false, false},
		{KindTempo, true, true, false, false},
		{KindIntervals, true, true, false, false},
		{KindRace, true, true, false, false},
		{KindStrength, false, true, false, false},
		{KindMobility, false, true, false, true},
		{KindCrossTraining, false, true, false, true},
	} {
		if !IsKind(c.kind) || KeyKind(c.kind) != c.key || MayBeKey(c.kind) != c.mayBeKey || Protected(c.kind) != c.protects ||
			EasyKind(c.kind) != c.easy {
			t.Errorf("%s: kind %t, key %t, may be key %t, protected %t, easy %t", c.kind, IsKind(c.kind), KeyKind(c.kind),
				MayBeKey(c.kind), Protected(c.kind), EasyKind(c.kind))
		}
	}
	if IsKind("nap") || IsKind("") || IsSport("rowing") || !IsSport(SportSwim) {
		t.Error("the vocabularies hold words they do not have, or miss one they have")
	}
}

func TestRecoveryEasy(t *testing.T) {
	for _, c := range []struct {
		rpe        float64
		zone, hard int
		want       bool
	}{
		{0, 0, 0, true},
		{3, 2, 0, true},
		{3.5, 0, 0, false},
		{2, 3, 0, false},
		{2, 1, 5, false},
	} {
		if got := RecoveryEasy(c.rpe, c.zone, c.hard); got != c.want {
			t.Errorf("RecoveryEasy(%g, %d, %d) = %t", c.rpe, c.zone, c.hard, got)
		}
	}
}
