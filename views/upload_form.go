package views

import (
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
)

// buildForm lays out the upload form, one question per page so each fits
// at 80x24; pages that do not apply to the chosen mode are skipped.
func (f *uploadFlow) buildForm() *huh.Form {
	ch := f.choice
	mode := func(ms ...awsops.SSEMode) func() bool {
		return func() bool {
			for _, m := range ms {
				if ch.mode == m {
					return false
				}
			}
			return true
		}
	}
	path := huh.NewInput().
		Key("file").
		Title("Local file to upload").
		Description(formDesc(f.width, "Type a path, or leave it empty and press enter to browse.")).
		Placeholder("./report.pdf").
		Validate(checkUploadPath).
		Value(&ch.path)
	picker := huh.NewFilePicker().
		Key("browse").
		Title("Choose a file").
		Description(formDesc(f.width, "↑↓ move · enter opens a folder or picks a file · h goes up · esc leaves")).
		CurrentDirectory(".").
		Picking(true).
		Height(10).
		Validate(checkReadableFile).
		Value(&ch.path)
	objKey := huh.NewInput().
		Key("object key").
		Title("Object key in s3://" + f.state.Name + "/").
		Description(formDesc(f.width, "Leave empty to use the file's name.")).
		Placeholder("(the file's name)").
		Value(&ch.key)
	modes := huh.NewSelect[awsops.SSEMode]().
		Key("encryption").
		Title("Encryption").
		Description(formDesc(f.width, f.modeDescription())).
		Options(
			huh.NewOption("Bucket default (send no encryption header)", awsops.SSEDefault),
			huh.NewOption("SSE-S3   keys held by S3", awsops.SSES3),
			huh.NewOption("SSE-KMS  a KMS key you choose", awsops.SSEKMS),
			huh.NewOption("DSSE-KMS two layers, a KMS key you choose", awsops.DSSEKMS),
			huh.NewOption("SSE-C    your own 256-bit key, sent with every request", awsops.SSEC),
			huh.NewOption("Client-side: encrypted here before upload (S3 Encryption Client)", awsops.SSEClient),
		).
		Validate(f.refuse).
		Value(&ch.mode)
	wrap := huh.NewSelect[string]().
		Key("client-side key").
		Title("Client-side: who wraps the data key").
		Options(
			huh.NewOption("A KMS key (kms+context)", wrapKMS),
			huh.NewOption("A local master key file (AES/GCM)", wrapMaster),
		).
		Value(&ch.wrap)
	kmsKey := kmsKeySelect(f.width, kmsKeyListDesc(f.state.Region, f.keysErr, "."), f.keys, &ch.keyPick)
	typed := typedKMSKeyInput(&ch.keyTyped).Placeholder("alias/my-key")
	master := huh.NewInput().
		Key("master key").
		Title("Master key file").
		Description(formDesc(f.width, "32 raw bytes or their base64; it must be readable by you only (chmod 600).")).
		Placeholder("~/.s3sec/master.key").
		Validate(checkMasterKeyFile).
		Value(&ch.masterPath)
	format := huh.NewSelect[string]().
		Key("format").
		Title("S3 Encryption Client format").
		Options(
			huh.NewOption("V2 (read by every S3 Encryption Client v2/v3)", "v2"),
			huh.NewOption("V3 (key-committing; needs a v4 client to read)", "v3"),
		).
		Value(&ch.format)
	ssecSource := huh.NewSelect[string]().
		Key("SSE-C key").
		Title("SSE-C key").
		Options(
			huh.NewOption("Use an existing key file", ssecFromFile),
			huh.NewOption("Generate a new 256-bit key into a new file (mode 0600)", ssecGenerate),
		).
		Value(&ch.ssecSource)
	ssecPath := huh.NewInput().
		Key("SSE-C key file").
		Title("SSE-C key file").
		Description(formDesc(f.width, "An existing key file, or where the new key is written (never over an existing file).")).
		Placeholder("~/.s3sec/object.key").
		Validate(func(p string) error {
			if ch.ssecSource == ssecGenerate {
				return checkNewFile(p)
			}
			return checkSSECKeyFile(p)
		}).
		Value(&ch.ssecPath)
	ssecWarn := huh.NewNote().
		Title("⚠ LOSING THE KEY LOSES THE OBJECT").
		Description(formDesc(f.width, "S3 does not keep SSE-C keys. Without this exact key file nobody, not even AWS, can read the object again. Keep a copy somewhere safe."))
	notClientKMS := func() bool { return !ch.needsKMSKey() }
	form := huh.NewForm(
		huh.NewGroup(path),
		huh.NewGroup(picker).WithHideFunc(func() bool { return ch.path != "" }),
		huh.NewGroup(objKey),
		huh.NewGroup(modes),
		huh.NewGroup(wrap).WithHideFunc(mode(awsops.SSEClient)),
		huh.NewGroup(kmsKey).WithHideFunc(notClientKMS),
		huh.NewGroup(typed).WithHideFunc(func() bool { return notClientKMS() || ch.keyPick != otherKey }),
		huh.NewGroup(master).WithHideFunc(func() bool { return ch.mode != awsops.SSEClient || ch.wrap != wrapMaster }),
		huh.NewGroup(format).WithHideFunc(mode(awsops.SSEClient)),
		huh.NewGroup(ssecSource).WithHideFunc(mode(awsops.SSEC)),
		huh.NewGroup(ssecPath).WithHideFunc(mode(awsops.SSEC)),
		huh.NewGroup(ssecWarn).WithHideFunc(mode(awsops.SSEC)),
	)
	return f.styled(f.c, form)
}

// modeDescription says what the bucket does by default and what SSE-C
// needs, so the choice is made knowing both.
func (f *uploadFlow) modeDescription() string {
	s := "Bucket default: "
	if e := f.state.Encryption; e != nil {
		s += encryptionLabel(*e) + "."
	} else {
		s += "not read."
	}
	if !f.secure {
		s += " SSE-C is refused here: the endpoint is plain HTTP."
	} else if e := f.state.Encryption; e != nil && e.SSECBlocked() {
		s += " The bucket blocks SSE-C."
	}
	return s
}
