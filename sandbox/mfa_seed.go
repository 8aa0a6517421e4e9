package sandbox

import (
	"fmt"
	"time"

	"github.com/s3sec/s3sec/sandbox/bucketconfig"
)

// rootMFADevice creates the demo root user's virtual MFA device (DemoMFASeed)
// and enables it for root at t, through the IAM store the IAM API uses;
// enabling skips the two codes, which only a person with the device has.
func (sd *seeder) rootMFADevice(t time.Time) {
	if sd.err != nil {
		return
	}
	s := sd.s
	d, perr := s.iam.create(s.opts.AccountID, demoMFADeviceName, "/", DemoMFASeed, t)
	if perr == nil {
		perr = s.iam.assign(d.Serial, s.root, t)
	}
	if perr != nil {
		sd.err = fmt.Errorf("root MFA device: %s", perr.Message)
	}
}

// mfaDelete turns MFA Delete on for a versioned bucket with the handler's own
// rules: the root user must have an enabled device (the request would carry
// its code) and the bucket must have no lifecycle rules.
func (sd *seeder) mfaDelete(name string) {
	sd.apply(name, "MFA Delete", func(b *bucket) *s3Error {
		if !sd.s.iam.hasDeviceFor(sd.s.root) {
			return errMFARequired()
		}
		v, e := bucketconfig.ParseVersioning([]byte("<VersioningConfiguration><Status>" + b.Versioning +
			"</Status><MfaDelete>" + mfaDeleteOn + "</MfaDelete></VersioningConfiguration>"))
		if e != nil {
			return fromConfig(e)
		}
		if err := mfaDeleteConflict(b, v); err != nil {
			return err
		}
		applyVersioning(b, v)
		return nil
	})
}
