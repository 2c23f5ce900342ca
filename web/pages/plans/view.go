package plans

import "strconv"

func formatRPE(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
