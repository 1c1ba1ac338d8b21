// The only C in mist. SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600, which hides the
// wide-character API, so ask for it explicitly before including curses.
//
// Swift cannot import function-like macros (A_BOLD is NCURSES_BITS(1U,13), BUTTON4_PRESSED is
// NCURSES_MOUSE_MASK(4, ...)) and Swift 6 rejects mutable C globals (stdscr, LINES, COLORS) as
// not concurrency-safe, so each one gets a static inline getter here.
#ifndef MIST_CNCURSESW_SHIM_H
#define MIST_CNCURSESW_SHIM_H
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals.
static inline WINDOW *mist_stdscr(void) { return stdscr; }
static inline int mist_lines(void) { return LINES; }
static inline int mist_cols(void) { return COLS; }
static inline int mist_colors(void) { return COLORS; }
static inline int mist_color_pairs(void) { return COLOR_PAIRS; }

// Opens curses on stdin/stdout; returns NULL (instead of exiting like initscr) on an unknown TERM.
static inline SCREEN *mist_newterm(void) { return newterm(NULL, stdout, stdin); }

// Whether the terminal can move the cursor (TERM=dumb cannot: only the last line would show).
static inline int mist_can_address_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

// Attributes.
static inline attr_t mist_a_normal(void) { return A_NORMAL; }
static inline attr_t mist_a_bold(void) { return A_BOLD; }
static inline attr_t mist_a_dim(void) { return A_DIM; }
static inline attr_t mist_a_reverse(void) { return A_REVERSE; }
static inline attr_t mist_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mist_a_italic(void) { return A_ITALIC; }

// Mouse wheel: buttons 4 and 5 (mouse protocol version 2).
static inline mmask_t mist_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t mist_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t mist_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t mist_button1_clicked(void) { return BUTTON1_CLICKED; }

// Writes one grapheme (up to 8 wide characters: a base plus combining marks) at (y, x) with
// attributes and an extended colour pair, so Swift does not juggle cchar_t itself.
static inline int mist_put_cell(int y, int x, const wchar_t *wchars, attr_t attrs, int pair) {
    cchar_t cell;
    int extended_pair = pair;
    if (setcchar(&cell, wchars, attrs, 0, &extended_pair) == ERR) return ERR;
    return mvadd_wch(y, x, &cell);
}
#endif
