package views

import (
	"fmt"
	"testing"
)

func TestPrintOverview(t *testing.T) {
	a := loadedApp(t, newFake(30), 100, 30, false)
	fmt.Println(screenText(a))
	a = loadedApp(t, newFake(30), 80, 24, false)
	fmt.Println(screenText(a))
}
