package views

import (
	"context"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/s3sec/s3sec/awsops"
)

// listKMSKeys lists the KMS keys of region for flow id in a command; the
// answer is a kmsKeysMsg, and cancel abandons the call.
func listKMSKeys(be Backend, region string, id int) (cancel context.CancelFunc, cmd tea.Cmd) {
	ctx, cancel := context.WithCancel(context.Background())
	return cancel, func() tea.Msg {
		keys, err := be.KMSKeys(ctx, region)
		return kmsKeysMsg{id: id, keys: keys, err: err}
	}
}

// kmsKeyListDesc describes the KMS key list: the region's keys (then
// tail), or why they could not be listed and what is left to do.
func kmsKeyListDesc(region string, keysErr error, tail string) string {
	if keysErr != nil {
		return "The keys could not be listed (" + errorOf(keysErr).Code + "): choose aws/s3 or type a key."
	}
	return "Keys of " + regionName(region) + tail
}

// kmsKeySelect is the KMS key question of the forms: the listed keys,
// aws/s3 and "other", picked into pick.
func kmsKeySelect(width int, desc string, keys []awsops.KMSKey, pick *string) *huh.Select[string] {
	return huh.NewSelect[string]().
		Key("KMS key").
		Title("KMS key").
		Description(formDesc(width, desc)).
		Options(kmsKeyOptions(keys, pick)...).
		Height(9).
		Value(pick)
}

// typedKMSKeyInput asks for the key when "other" was picked, into typed.
func typedKMSKeyInput(typed *string) *huh.Input {
	return huh.NewInput().
		Key("typed KMS key").
		Title("KMS key id, key ARN, alias name or alias ARN").
		Value(typed)
}
