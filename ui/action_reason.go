package ui

// Unless disables an enabled action with reason when reason is not empty,
// for conditions only the screen knows (e.g. "only the root user can").
// Read-only mode and unfinished features keep their own reason.
func (a Action) Unless(reason string) Action {
	if reason == "" || !a.Enabled() {
		return a
	}
	a.Reason = reason
	a.Binding.SetEnabled(false)
	return a
}
