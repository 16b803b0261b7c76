using ScottPlot;
using SkiaSharp;

namespace Simulator.Plotting;

/// <summary>
/// The one typeface every plot uses: DejaVu Sans, embedded in this assembly. SkiaSharp's Linux build without dependencies finds
/// fonts only under <c>/usr/share/fonts</c>; on a machine without them text would silently vanish, and with them the look would
/// depend on what is installed. The embedded font makes pictures the same on every machine.
/// </summary>
internal static class PlotFonts
{
    /// <summary>The family name plots ask for.</summary>
    public const string Family = "DejaVu Sans (Simulator.Plotting)";

    private static readonly Lazy<SKTypeface> Typeface = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object Gate = new();
    private static bool _registered;

    /// <summary>Registers the embedded font with ScottPlot once per process.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            _registered = true;
        }
    }

    /// <summary>Makes every text of the plot use the embedded font.</summary>
    public static void Apply(Plot plot)
    {
        EnsureRegistered();
        plot.Font.Set(Family);
    }

    private static SKTypeface Load()
    {
        using var stream = typeof(PlotFonts).Assembly.GetManifestResourceStream("Simulator.Plotting.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("The embedded font Simulator.Plotting.DejaVuSans.ttf is missing from the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        using var data = SKData.CreateCopy(memory.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException("The embedded font could not be loaded.");
    }

    /// <summary>Answers requests for <see cref="Family"/> (any weight or slant: only the regular face is embedded).</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? Typeface.Value : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
            fontName == Family ? Typeface.Value : null;
    }
}
