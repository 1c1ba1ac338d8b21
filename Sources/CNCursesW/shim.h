// The only C in mist. SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which hides the
// wide-character API, so ask for it explicitly before including curses.
#ifndef MIST_CNCURSESW_SHIM_H
#define MIST_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#endif
