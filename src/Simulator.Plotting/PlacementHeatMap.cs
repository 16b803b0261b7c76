using ScottPlot;

namespace Simulator.Plotting;

/// <summary>
/// Draws a <see cref="PlacementMatrix"/> as a heat map: nodes along the horizontal axis (natural order, left to right), DaemonSets
/// down the vertical axis (first at the top), one colour per <see cref="PlacementState"/>, with a legend of the states.
/// </summary>
/// <remarks>
/// Nodes run along the wide axis so that hundreds of them stay readable: every cell is drawn, but only every k-th node name is
/// written (k chosen so that the labels never overlap: 1 up to about 60 nodes at the default width, 10 for 500 nodes), and the
/// legend counts the cells in each state.
/// </remarks>
public static class PlacementHeatMap
{
    /// <summary>The default picture width in pixels (1200).</summary>
    public const int DefaultWidth = 1200;

    /// <summary>The plot's title.</summary>
    public const string Title = "DaemonSet placement by node";

    /// <summary>The colour of each state, as <c>#RRGGBB</c>: the legend's and the cells'.</summary>
    public static IReadOnlyDictionary<PlacementState, string> StateColors { get; } = new System.Collections.ObjectModel.ReadOnlyDictionary<PlacementState, string>(new Dictionary<PlacementState, string>
    {
        [PlacementState.NotEligible] = "#E6E6E6",
        [PlacementState.Missing] = "#FFD23F",
        [PlacementState.Pending] = "#F6A04D",
        [PlacementState.NotReady] = "#9B6BD3",
        [PlacementState.Running] = "#2E9E4F",
        [PlacementState.Terminating] = "#6B7B8C",
        [PlacementState.Misscheduled] = "#D7263D",
    });

    /// <summary>The default picture height for a matrix: room for the title, node names and the legend's seven states, plus 36 pixels per DaemonSet (400 to 1600).</summary>
    /// <param name="matrix">The matrix.</param>
    /// <returns>The height in pixels.</returns>
    public static int DefaultHeight(PlacementMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Math.Clamp(260 + (36 * matrix.DaemonSets.Count), 400, 1600);
    }

    /// <summary>Writes the heat map to a file; <c>.png</c> or <c>.svg</c> in the name chooses the format.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="width">The width in pixels (default <see cref="DefaultWidth"/>).</param>
    /// <param name="height">The height in pixels (default <see cref="DefaultHeight"/>).</param>
    /// <exception cref="NotSupportedException">The extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 16..20000 pixels.</exception>
    public static void Save(PlacementMatrix matrix, string path, int? width = null, int? height = null)
    {
        var (w, h) = Size(matrix, width, height);
        PlotImageFile.Save(Create(matrix, w), path, w, h);
    }

    /// <summary>Renders the heat map as PNG bytes.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="width">The width in pixels (default <see cref="DefaultWidth"/>).</param>
    /// <param name="height">The height in pixels (default <see cref="DefaultHeight"/>).</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderPng(PlacementMatrix matrix, int? width = null, int? height = null)
    {
        var (w, h) = Size(matrix, width, height);
        return PlotImageFile.Png(Create(matrix, w), w, h);
    }

    /// <summary>Renders the heat map as an SVG document.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="width">The width in pixels (default <see cref="DefaultWidth"/>).</param>
    /// <param name="height">The height in pixels (default <see cref="DefaultHeight"/>).</param>
    /// <returns>The SVG text.</returns>
    public static string RenderSvg(PlacementMatrix matrix, int? width = null, int? height = null)
    {
        var (w, h) = Size(matrix, width, height);
        return PlotImageFile.Svg(Create(matrix, w), w, h);
    }

    private static (int Width, int Height) Size(PlacementMatrix matrix, int? width, int? height)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return (width ?? DefaultWidth, height ?? DefaultHeight(matrix));
    }

    private static Plot Create(PlacementMatrix matrix, int width)
    {
        var plot = new Plot();
        plot.Title(Title);
        var nodes = matrix.Nodes.Count;
        var daemonSets = matrix.DaemonSets.Count;
        if (nodes == 0 || daemonSets == 0)
        {
            plot.Add.Annotation(nodes == 0 ? "no nodes" : "no DaemonSets");
            PlotFonts.Apply(plot);
            return plot;
        }

        var states = Enum.GetValues<PlacementState>();

        // Row 0 of the intensities is drawn at the top: row r is the r-th DaemonSet, column c the c-th node. ScottPlot draws
        // nothing for a bitmap one cell high or wide, so a single row or column is doubled; the rectangle below keeps each
        // DaemonSet and node one unit, so the picture is the same.
        var rows = Math.Max(2, daemonSets);
        var columns = Math.Max(2, nodes);
        var intensities = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                intensities[r, c] = (int)matrix[Math.Min(c, nodes - 1), Math.Min(r, daemonSets - 1)];
            }
        }

        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new StateColormap(states.Select(s => Color.FromHex(StateColors[s])).ToArray());
        heatmap.ManualRange = new ScottPlot.Range(0, states.Length - 1);
        heatmap.Smooth = false;
        heatmap.Rectangle = new CoordinateRect(-0.5, nodes - 0.5, -0.5, daemonSets - 0.5);

        // Node names: all of them written across when they fit; else rotated, as many as fit without overlapping (about 14
        // pixels per rotated label), at round steps.
        var plotWidth = Math.Max(100, width - 300);
        var longest = matrix.Nodes.Max(n => n.Length);
        var across = nodes * ((longest * 7) + 12) <= plotWidth;
        var step = across ? 1 : NiceStep((int)Math.Ceiling(nodes / (plotWidth / 14.0)));
        // With a step, name the first node and then every step-th one (the 10th, 20th, ...), as a person counts.
        var nodeTicks = Enumerable.Range(0, nodes).Where(i => i == 0 || (i + 1) % step == 0).ToArray();
        plot.Axes.Bottom.SetTicks(nodeTicks.Select(i => (double)i).ToArray(), nodeTicks.Select(i => matrix.Nodes[i]).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = nodes > 60 ? 10 : 12;
        if (!across)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = Math.Min(300, 36 + (longest * 6));
        }
        plot.Axes.Bottom.Label.Text = step == 1 ? $"nodes ({nodes})" : $"nodes ({nodes}; every {Ordinal(step)} named)";
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, daemonSets).Select(d => (double)(daemonSets - 1 - d)).ToArray(),
            matrix.DaemonSets.ToArray());
        plot.Axes.Left.Label.Text = "DaemonSets";
        plot.Axes.SetLimits(-0.5, nodes - 0.5, -0.5, daemonSets - 0.5);
        plot.Grid.IsVisible = false;

        foreach (var state in states)
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{state} ({matrix.Count(state)})",
                LabelFontName = PlotFonts.Family,
                LabelFontSize = 12,
                MarkerShape = MarkerShape.FilledSquare,
                MarkerSize = 12,
                MarkerFillColor = Color.FromHex(StateColors[state]),
                MarkerLineColor = Colors.DimGray,
                MarkerLineWidth = 0.5f,
                LineWidth = 0,
            });
        }

        plot.ShowLegend(Edge.Right);
        PlotFonts.Apply(plot);
        return plot;
    }

    private static string Ordinal(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ((n % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    });

    private static int NiceStep(int minimum)
    {
        foreach (var magnitude in new[] { 1, 10, 100, 1000, 10_000, 100_000 })
        {
            foreach (var factor in new[] { 1, 2, 5 })
            {
                if (factor * magnitude >= minimum)
                {
                    return factor * magnitude;
                }
            }
        }

        return minimum;
    }

    /// <summary>Maps the state numbers (normalised over 0..count-1) to their colours, without blending.</summary>
    private sealed class StateColormap(Color[] colors) : IColormap
    {
        public string Name => "PlacementStates";

        public Color GetColor(double normalizedIntensity)
        {
            if (double.IsNaN(normalizedIntensity))
            {
                return Colors.Transparent;
            }

            var index = (int)Math.Round(Math.Clamp(normalizedIntensity, 0, 1) * (colors.Length - 1));
            return colors[index];
        }
    }
}
