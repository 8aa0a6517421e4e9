package views

import (
	"fmt"
	"testing"
)

func TestScratchRenderEncEdit(t *testing.T) {
	be := newFake(2)
	a := loadedApp(t, be, 80, 24, false)
	openDetail(t, a)
	keys(a, "tab", "e")
	fmt.Println(screenText(a))
	keys(a, "down", "enter")
	fmt.Println(screenText(a))
	keys(a, "enter")
	fmt.Println(screenText(a))
	keys(a, "enter")
	fmt.Println(screenText(a))
	keys(a, "enter")
	fmt.Println(screenText(a))
	keys(a, "y")
	fmt.Println(screenText(a))
	fmt.Printf("%+v\n", be.applied)
}
