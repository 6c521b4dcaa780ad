"""Where the window goes and how its three panes share the width.

A remembered geometry is only a wish: the screen may be another one now (a projector, a
smaller laptop), and on a 1366×768 screen a window of 740 px plus its title bar ended 17 px
below the bottom edge. The window is fitted, frame included, into the screen's free area.
The panes' first widths come from the text size, so a larger size gets a wider item pane.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

DEFAULT_SIZE = (1366, 740)


def free_area(window: QWidget) -> QRect:
    """The part of the window's screen not taken by task bars and panels."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_on_screen(window: QWidget) -> None:
    """Move and shrink the window so that all of it, frame and title bar included, is on
    the screen it is on; a maximised or full-screen window is left to the system."""
    if window.isMaximized() or window.isFullScreen():
        return
    area = free_area(window)
    frame = window.frameGeometry()
    inner = window.geometry()
    # The frame's size beyond the contents (zero until a window manager has decorated it).
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    width = min(inner.width(), area.width() - extra_w)
    height = min(inner.height(), area.height() - extra_h)
    if (width, height) != (inner.width(), inner.height()):
        window.resize(width, height)
    left = min(max(frame.left(), area.left()), area.right() + 1 - (width + extra_w))
    top = min(max(frame.top(), area.top()), area.bottom() + 1 - (height + extra_h))
    if (left, top) != (frame.left(), frame.top()):
        window.move(left, top)


def first_size(window: QWidget) -> None:
    """A first start: as large as the default, never larger than the screen's free area."""
    area = free_area(window)
    title_bar = window.style().pixelMetric(window.style().PixelMetric.PM_TitleBarHeight)
    width = min(DEFAULT_SIZE[0], area.width())
    height = min(DEFAULT_SIZE[1], area.height() - title_bar)
    window.resize(width, height)
    window.move(area.left() + (area.width() - width) // 2, area.top())


def share_width(splitter: QSplitter) -> None:
    """The tree about a fifth of the width and the item pane a quarter, each at least what
    it needs at the current text size; the assessment in the middle gets the rest."""
    total = max(splitter.width(), sum(splitter.sizes()), 1)
    tree = max(round(total * 0.22), splitter.widget(0).minimumWidth())
    pane = max(round(total * 0.27), splitter.widget(2).minimumWidth())
    splitter.setSizes([tree, max(total - tree - pane, 1), pane])
