package tour

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/s3sec/s3sec/otp"
)

const testSeed = "W2GWYY3AQS5WQOKIXURDVN2XFOVUJAWLRPAGZVLKJAQ6VNWRQVYKNYQF3O5GXT5V" // the sandbox's public demo seed

// TestNextMFAUsesEachStepOnce: three codes from the accepted window (the
// current step's, the next's, the previous'), each valid now, then it waits
// for the device's next step rather than reuse one; a reset frees them.
func TestNextMFAUsesEachStepOnce(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 10, 0, time.UTC)
	e := &Env{MFASerial: "arn:aws:iam::111122223333:mfa/root-account-mfa-device", MFASeed: testSeed, Now: func() time.Time { return now }}
	seen := map[string]bool{}
	for i := range 3 {
		m, err := e.nextMFA(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if seen[m.Code] {
			t.Fatalf("code %d repeats an earlier one", i+1)
		}
		seen[m.Code] = true
		if _, ok := otp.Verify(testSeed, m.Code, now); !ok {
			t.Errorf("code %d is not accepted at the time it was made for", i+1)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := e.nextMFA(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("fourth code in one window: err = %v, want to wait for the next step (cancelled by the context)", err)
	}
	e.codes.forget()
	if _, err := e.nextMFA(context.Background()); err != nil {
		t.Errorf("after forget: %v", err)
	}
}
