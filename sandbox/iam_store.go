package sandbox

import (
	"crypto/subtle"
	"sort"
	"sync"
	"time"

	"github.com/s3sec/s3sec/otp"
)

// mfaDevice is one IAM virtual MFA device. The store hands out copies, so a
// caller may keep one after the lock is released.
type mfaDevice struct {
	Serial  string     // arn:aws:iam::ACCOUNT:mfa/<path without leading slash><name>
	Name    string     // VirtualMFADeviceName
	Path    string     // "/" or "/a/b/"
	Seed    string     // base32 TOTP secret
	Created time.Time  // CreateVirtualMFADevice time
	Owner   *principal // the user it is enabled for; nil while unassigned
	Enabled time.Time  // EnableDate while assigned
}

// iamStore holds the account's virtual MFA devices and the replay guard of
// every code IAM and S3 accept. Its zero value is ready. Its lock is taken
// after the bucket store's (S3 verifies codes under the bucket lock), never
// before it.
type iamStore struct {
	mu      sync.Mutex
	devices map[string]*mfaDevice // by serial number
	guard   otp.Guard             // one accepted code per device and time step
	tries   mfaThrottle           // recent wrong x-amz-mfa codes per device (mfa_throttle.go)
}

// enableWindowBack is how many steps the first of EnableMFADevice's two
// consecutive codes may lag behind the current step: the user reads one code,
// waits for the next and then submits (AWS's window is UNVERIFIED).
const enableWindowBack = 2

// deviceSerial is the ARN IAM gives a virtual device (8.2).
func deviceSerial(account, path, name string) string {
	return "arn:aws:iam::" + account + ":mfa" + path + name
}

// create adds an unassigned device; the same name and path twice is EntityAlreadyExists.
func (st *iamStore) create(account, name, path, seed string, now time.Time) (mfaDevice, *protocolError) {
	st.mu.Lock()
	defer st.mu.Unlock()
	serial := deviceSerial(account, path, name)
	if _, exists := st.devices[serial]; exists {
		return mfaDevice{}, iamEntityAlreadyExists("MFADevice entity at the same path and name already exists.")
	}
	if st.devices == nil {
		st.devices = map[string]*mfaDevice{}
	}
	d := &mfaDevice{Serial: serial, Name: name, Path: path, Seed: seed, Created: now.UTC()}
	st.devices[serial] = d
	return *d, nil
}

// enable checks two consecutive codes of the device (steps s and s+1, with s
// at most enableWindowBack steps old or one step ahead) and assigns it to p.
// Both codes then count as used.
func (st *iamStore) enable(serial string, p *principal, code1, code2 string, now time.Time) *protocolError {
	st.mu.Lock()
	defer st.mu.Unlock()
	d, perr := st.unassigned(serial)
	if perr != nil {
		return perr
	}
	step, ok := consecutiveCodes(d.Seed, code1, code2, now)
	if !ok {
		return iamInvalidAuthenticationCode()
	}
	if st.guard.Check(serial, d.Seed, code1, otp.StepStart(step)) != nil ||
		st.guard.Check(serial, d.Seed, code2, otp.StepStart(step+1)) != nil {
		return iamInvalidAuthenticationCode() // codes already spent on this device
	}
	d.Owner, d.Enabled = p, now.UTC()
	return nil
}

// assign enables the device for p without codes; only the demo seed uses it.
func (st *iamStore) assign(serial string, p *principal, now time.Time) *protocolError {
	st.mu.Lock()
	defer st.mu.Unlock()
	d, perr := st.unassigned(serial)
	if perr != nil {
		return perr
	}
	d.Owner, d.Enabled = p, now.UTC()
	return nil
}

// unassigned finds a device that may be enabled: it must exist and belong to
// nobody yet. The caller holds st.mu.
func (st *iamStore) unassigned(serial string) (*mfaDevice, *protocolError) {
	d := st.devices[serial]
	if d == nil {
		return nil, iamNoSuchDevice(serial)
	}
	if d.Owner != nil {
		return nil, iamEntityAlreadyExists("MFA Device is already in use.")
	}
	return d, nil
}

// deactivate unassigns the device from p.
func (st *iamStore) deactivate(serial string, p *principal, userName string) *protocolError {
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.devices[serial]
	if d == nil || d.Owner != p {
		return iamNoSuchEntity("MFA Device with serial number " + serial + " not found for user " + userName + ".")
	}
	d.Owner, d.Enabled = nil, time.Time{}
	return nil
}

// remove deletes an unassigned device; an assigned one is a DeleteConflict.
func (st *iamStore) remove(serial string) *protocolError {
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.devices[serial]
	if d == nil {
		return iamNoSuchDevice(serial)
	}
	if d.Owner != nil {
		return iamDeleteConflict("MFA VirtualDevice in use. Must deactivate first.")
	}
	delete(st.devices, serial)
	st.tries.forget(serial)
	return nil
}

// list returns copies of the devices keep accepts, ordered by serial number.
func (st *iamStore) list(keep func(d *mfaDevice) bool) []mfaDevice {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []mfaDevice
	for _, d := range st.devices {
		if keep(d) {
			out = append(out, *d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Serial < out[j].Serial })
	return out
}

// hasDeviceFor reports whether p has at least one enabled device.
func (st *iamStore) hasDeviceFor(p *principal) bool {
	return len(st.list(func(d *mfaDevice) bool { return d.Owner == p })) > 0
}

// verify accepts code once (otp.Guard) if serial is a device enabled for p
// and the device is not locked out by wrong codes (mfa_throttle.go). A
// rejection does not say which part was wrong: S3 answers every one with
// the same "Access Denied". The lock is held throughout, so concurrent
// guesses cannot slip past the count.
func (st *iamStore) verify(serial string, p *principal, code string, now time.Time) mfaVerdict {
	st.mu.Lock()
	defer st.mu.Unlock()
	d := st.devices[serial]
	if d == nil {
		return mfaRejected
	}
	if st.tries.locked(serial, now) {
		return mfaLockedOut
	}
	ok := d.Owner == p && st.guard.Check(serial, d.Seed, code, now) == nil
	st.tries.record(serial, ok, now)
	if !ok {
		return mfaRejected
	}
	return mfaAccepted
}

// consecutiveCodes finds the step s at which code1 and code2 are the codes of
// s and s+1, searching from enableWindowBack steps ago to one step ahead.
func consecutiveCodes(seed, code1, code2 string, now time.Time) (int64, bool) {
	cur := otp.Step(now)
	for s := cur - enableWindowBack; s <= cur+1; s++ {
		if s < 0 {
			continue
		}
		if sameCode(codeAt(seed, s), code1) && sameCode(codeAt(seed, s+1), code2) {
			return s, true
		}
	}
	return 0, false
}

// sameCode compares a computed code with a submitted one in constant time.
func sameCode(want, got string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// codeAt is the device's code at a step, or "" when the seed is unusable.
func codeAt(seed string, step int64) string {
	c, err := otp.Code(seed, otp.StepStart(step))
	if err != nil {
		return ""
	}
	return c
}
