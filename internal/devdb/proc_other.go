//go:build !linux

package devdb

import "syscall"

// sysProcAttr runs postgres in its own process group, so a Ctrl-C in the
// terminal reaches only Rebound, which then stops postgres in order.
func (s *Server) sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Credential: s.cred}
}
