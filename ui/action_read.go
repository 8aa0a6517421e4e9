package ui

import "charm.land/bubbles/v2/key"

// ReadAction builds an action that only reads from AWS (a download): unlike
// Action, read-only mode keeps it, since it sends no change.
func (k KeyMap) ReadAction(verb key.Binding, desc string) Action {
	k.ReadOnly = false
	return k.Action(verb, desc)
}
