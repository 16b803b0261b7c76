using System.Globalization;
using ScottPlot;

namespace Simulator.Plotting;

/// <summary>
/// Draws a <see cref="RolloutTimeline"/>: desired, updated, available and unavailable daemon pods as step lines over simulated
/// seconds, with each rollout's start (dashed) and completion (dotted) marked, titled <c>DaemonSet ns/name rollout</c>.
/// </summary>
public static class RolloutPlot
{
    /// <summary>The default picture width in pixels (1000).</summary>
    public const int DefaultWidth = 1000;

    /// <summary>The default picture height in pixels (600).</summary>
    public const int DefaultHeight = 600;

    /// <summary>The plot's title for a DaemonSet: <c>DaemonSet ns/name rollout</c>.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <returns>The title.</returns>
    public static string Title(RolloutTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return $"DaemonSet {timeline.Namespace}/{timeline.Name} rollout";
    }

    /// <summary>Writes the plot to a file; <c>.png</c> or <c>.svg</c> in the name chooses the format.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="width">The width in pixels (default <see cref="DefaultWidth"/>).</param>
    /// <param name="height">The height in pixels (default <see cref="DefaultHeight"/>).</param>
    /// <exception cref="NotSupportedException">The extension is neither .png nor .svg.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is outside 16..20000 pixels.</exception>
    public static void Save(RolloutTimeline timeline, string path, int width = DefaultWidth, int height = DefaultHeight) =>
        PlotImageFile.Save(Create(timeline, width), path, width, height);

    /// <summary>Renders the plot as PNG bytes.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>The PNG file's bytes.</returns>
    public static byte[] RenderPng(RolloutTimeline timeline, int width = DefaultWidth, int height = DefaultHeight) =>
        PlotImageFile.Png(Create(timeline, width), width, height);

    /// <summary>Renders the plot as an SVG document.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="width">The width in pixels.</param>
    /// <param name="height">The height in pixels.</param>
    /// <returns>The SVG text.</returns>
    public static string RenderSvg(RolloutTimeline timeline, int width = DefaultWidth, int height = DefaultHeight) =>
        PlotImageFile.Svg(Create(timeline, width), width, height);

    private static Plot Create(RolloutTimeline timeline, int width)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var plot = new Plot();
        plot.Title(Title(timeline));
        plot.XLabel($"simulated seconds since {timeline.Origin}");
        plot.YLabel("nodes");

        var points = timeline.Points;
        if (points.Count == 0)
        {
            plot.Add.Annotation("no status recorded yet");
            PlotFonts.Apply(plot);
            return plot;
        }

        // The counters hold until the next change; repeat the last values at the end so the final step is drawn.
        var xs = points.Select(p => p.Seconds).Append(timeline.EndSeconds).ToArray();
        Series(plot, xs, points, p => p.Updated, "updated", Colors.DodgerBlue, LinePattern.Solid, 2);
        Series(plot, xs, points, p => p.Available, "available", Colors.ForestGreen, LinePattern.Solid, 2);
        Series(plot, xs, points, p => p.Unavailable, "unavailable", Colors.Crimson, LinePattern.Solid, 2);

        // Desired last and dashed: it usually coincides with updated and available at the end, and must stay visible.
        Series(plot, xs, points, p => p.Desired, "desired", Colors.Black, LinePattern.Dashed, 1.5f);

        var top = points.Max(p => Math.Max(Math.Max(p.Desired, p.Updated), Math.Max(p.Available, p.Unavailable)));
        plot.Axes.SetLimitsY(-0.02 * Math.Max(top, 1), Math.Max(top, 1) * 1.08);

        // Leave room at both ends for the marks' labels (about 45 pixels each side of a line), estimating the data area's width.
        var left = Math.Min(xs[0], timeline.Rollouts.Count > 0 ? timeline.Rollouts.Min(r => r.StartSeconds) : xs[0]);
        var right = Math.Max(xs[^1], left + 1);
        var dataPixels = Math.Max(200.0, width - 220.0);
        var pad = (right - left) * 50 / (dataPixels - 100);
        plot.Axes.SetLimitsX(left - pad, right + pad);
        var pixelsPerSecond = dataPixels / (right - left + (2 * pad));

        // Every start and completion gets a line. Starts are labelled above the plot, completions below, each only where it does
        // not run into its neighbour on the same side; of two that would, the later one keeps its label (a DaemonSet's creation
        // and its first update are often close, and the update is what the picture is about).
        var lastLabelled = new Dictionary<bool, (double Seconds, ScottPlot.Plottables.VerticalLine Line)>();
        var marks = timeline.Rollouts
            .SelectMany(r => new[] { (Seconds: r.StartSeconds, Text: $"gen {G(r)} start", Start: true) }
                .Concat(r.CompletedSeconds is { } done ? [(done, $"gen {G(r)} done", false)] : []))
            .OrderBy(m => m.Seconds)
            .ToList();
        bool startInLegend = false, endInLegend = false;
        foreach (var mark in marks)
        {
            var line = plot.Add.VerticalLine(mark.Seconds, 1.5f, mark.Start ? Colors.DimGray : Colors.DarkOrange, mark.Start ? LinePattern.Dashed : LinePattern.Dotted);
            if (lastLabelled.TryGetValue(mark.Start, out var previous) && (mark.Seconds - previous.Seconds) * pixelsPerSecond < 90)
            {
                previous.Line.Text = "";
            }

            line.Text = mark.Text;
            line.LabelFontSize = 11;
            line.LabelFontName = PlotFonts.Family;
            line.LabelOppositeAxis = mark.Start;
            lastLabelled[mark.Start] = (mark.Seconds, line);

            if (mark.Start && !startInLegend)
            {
                line.LegendText = "rollout start";
                startInLegend = true;
            }
            else if (!mark.Start && !endInLegend)
            {
                line.LegendText = "rollout complete";
                endInLegend = true;
            }
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.MiddleRight);
        PlotFonts.Apply(plot);
        return plot;
    }

    private static string G(RolloutMark rollout) => rollout.TemplateGeneration.ToString(CultureInfo.InvariantCulture);

    private static void Series(Plot plot, double[] xs, IReadOnlyList<RolloutTimelinePoint> points, Func<RolloutTimelinePoint, int> value, string label, Color color, LinePattern pattern, float width)
    {
        var ys = points.Select(p => (double)value(p)).Append(value(points[^1])).ToArray();
        var line = plot.Add.Scatter(xs, ys, color);
        line.ConnectStyle = ConnectStyle.StepHorizontal;
        line.MarkerSize = 0;
        line.LineWidth = width;
        line.LinePattern = pattern;
        line.LegendText = label;
    }
}
