"""Plots used by the assignments: data sets, decision boundaries, cost curves.

Every function draws on the Axes it is given (or on the current Axes of
matplotlib.pyplot when ax is None) and returns that Axes. Nothing here calls
plt.show(): notebooks display figures by themselves, and the tests run with
the non-interactive Agg backend.
"""
import matplotlib.pyplot as plt
import numpy as np

CMAP = plt.cm.Spectral


def _axes(ax):
    return plt.gca() if ax is None else ax


def plot_dataset(X, Y, ax=None, title=None):
    """Scatter plot of 2-D points coloured by label.

    Arguments:
    X -- points, shape (2, m) (one point per column)
    Y -- labels, shape (1, m) or (m,)
    ax -- matplotlib Axes to draw on (default: the current Axes)
    title -- optional title

    Returns:
    ax -- the Axes drawn on
    """
    ax = _axes(ax)
    ax.scatter(X[0, :], X[1, :], c=np.ravel(Y), s=40, cmap=CMAP, edgecolors="k",
               linewidths=0.3)
    if title is not None:
        ax.set_title(title)
    return ax


def plot_decision_boundary(predict_fn, X, Y, ax=None, title=None, margin=1.0,
                           grid_points=300):
    """Draw the regions a classifier assigns to each class, and the data on top.

    Arguments:
    predict_fn -- function taking points of shape (2, k) (one point per column)
                  and returning k predictions (any shape with k entries, e.g.
                  (1, k) booleans from three_layer.predict_dec)
    X -- data points, shape (2, m)
    Y -- labels, shape (1, m) or (m,)
    ax -- matplotlib Axes to draw on (default: the current Axes)
    title -- optional title
    margin -- space added around the data on each side, in data units
    grid_points -- number of grid points along each axis

    Returns:
    ax -- the Axes drawn on
    """
    ax = _axes(ax)
    x0 = np.linspace(X[0, :].min() - margin, X[0, :].max() + margin, grid_points)
    x1 = np.linspace(X[1, :].min() - margin, X[1, :].max() + margin, grid_points)
    xx, yy = np.meshgrid(x0, x1)
    grid = np.vstack([xx.ravel(), yy.ravel()])               # (2, k)
    Z = np.asarray(predict_fn(grid), dtype=np.float64).reshape(xx.shape)
    ax.contourf(xx, yy, Z, cmap=CMAP)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_xlim(x0[0], x0[-1])
    ax.set_ylim(x1[0], x1[-1])
    return plot_dataset(X, Y, ax=ax, title=title)


def plot_costs(costs, learning_rate=None, ax=None, label=None, every=1,
               xlabel="iterations"):
    """Plot a cost curve.

    Arguments:
    costs -- sequence of recorded costs
    learning_rate -- if given, shown in the title
    ax -- matplotlib Axes to draw on (default: the current Axes)
    label -- legend label of the curve (to compare several runs on one Axes)
    every -- number of iterations (or epochs) between two recorded costs;
             the x axis shows the iteration number, index * every
    xlabel -- label of the x axis ("iterations", "epochs", ...)

    Returns:
    ax -- the Axes drawn on
    """
    ax = _axes(ax)
    costs = np.ravel(np.asarray(costs, dtype=np.float64))
    ax.plot(np.arange(costs.size) * every, costs, label=label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("cost")
    if learning_rate is not None:
        ax.set_title(f"Learning rate = {learning_rate}")
    if label is not None:
        ax.legend()
    return ax
