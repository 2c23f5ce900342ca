package devdb

import "syscall"

// sysProcAttr runs postgres in its own process group, so a Ctrl-C in the
// terminal reaches only Rebound, which then stops postgres in order; and
// has the kernel stop postgres (SIGQUIT) if Rebound dies without cleaning up.
func (s *Server) sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGQUIT, Credential: s.cred}
}
