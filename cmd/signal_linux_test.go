package cmd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestMainProcess is not a test: TestDemoRemovesItsCAFileOnSignals runs
// the test binary again as s3sec, with this as its main function.
func TestMainProcess(t *testing.T) {
	args, ok := os.LookupEnv("S3SEC_TEST_MAIN_ARGS")
	if !ok {
		t.Skip("only run as a child process")
	}
	os.Exit(Main(strings.Fields(args)))
}

// openPTY opens a pseudo-terminal of 80x24: the console refuses to start
// without a terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	ioctl := func(req uintptr, arg unsafe.Pointer) {
		if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), req, uintptr(arg)); errno != 0 {
			t.Skipf("pseudo-terminal ioctl %#x: %v", req, errno)
		}
	}
	var unlock int32
	ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock))
	var n uint32
	ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n))
	size := [4]uint16{24, 80, 0, 0}
	ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&size))
	s, err := os.OpenFile(filepath.Join("/dev/pts", itoa(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("opening the pseudo-terminal's other end: %v", err)
	}
	return m, s
}

// itoa formats n in decimal.
func itoa(n uint32) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// caFiles lists the demo sandbox's CA files in dir.
func caFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "s3sec-sandbox-ca-*.pem"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDemoRemovesItsCAFileOnSignals runs `s3sec demo` as a real process on
// a pseudo-terminal and sends it SIGHUP (the terminal window closed) or
// SIGTERM (kill): the demo sandbox's CA file in the temporary directory
// must be removed, as when the user quits with q.
func TestDemoRemovesItsCAFileOnSignals(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp := t.TempDir()
			master, slave := openPTY(t)
			defer master.Close()
			cmd := exec.Command(os.Args[0], "-test.run=^TestMainProcess$")
			cmd.Env = append(os.Environ(), "S3SEC_TEST_MAIN_ARGS=demo", "TMPDIR="+tmp, "TERM=xterm-256color", "NO_COLOR=1")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
			cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			slave.Close()
			var mu sync.Mutex
			var screen bytes.Buffer
			go func() { // drain the terminal, so the console never blocks writing
				buf := make([]byte, 4096)
				for {
					n, err := master.Read(buf)
					mu.Lock()
					screen.Write(buf[:n])
					mu.Unlock()
					if err != nil {
						return
					}
				}
			}()
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			// Ready once the sandbox wrote its CA file and the console drew its grid.
			ready := false
			for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline) && !ready; time.Sleep(50 * time.Millisecond) {
				mu.Lock()
				ready = len(caFiles(t, tmp)) == 1 && strings.Contains(screen.String(), "acme-")
				mu.Unlock()
			}
			if !ready {
				cmd.Process.Kill()
				mu.Lock()
				defer mu.Unlock()
				t.Fatalf("the demo did not start: CA files %v, screen %q", caFiles(t, tmp), tail(screen.String()))
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-exited:
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("the demo did not exit on %v", sig)
			}
			if left := caFiles(t, tmp); len(left) != 0 {
				t.Fatalf("after %v the CA file is still there: %v", sig, left)
			}
		})
	}
}

// tail returns the end of a long screen capture.
func tail(s string) string {
	if len(s) > 400 {
		return s[len(s)-400:]
	}
	return s
}
