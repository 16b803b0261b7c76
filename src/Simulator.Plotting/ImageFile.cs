using ScottPlot;

namespace Simulator.Plotting;

/// <summary>The picture formats the plots write.</summary>
public enum PlotImageFormat
{
    /// <summary>A PNG bitmap (<c>.png</c>).</summary>
    Png,

    /// <summary>An SVG document (<c>.svg</c>); text stays text.</summary>
    Svg,
}

/// <summary>Chooses the picture format from a file name and writes plots to files.</summary>
public static class PlotImageFile
{
    /// <summary>The format a file name asks for: <c>.png</c> or <c>.svg</c>, in any letter case.</summary>
    /// <param name="path">The file name or path.</param>
    /// <returns>The format.</returns>
    /// <exception cref="NotSupportedException">Any other extension; the message names it and the supported ones.</exception>
    public static PlotImageFormat FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        if (extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            return PlotImageFormat.Png;
        }

        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return PlotImageFormat.Svg;
        }

        throw new NotSupportedException(extension.Length == 0
            ? $"cannot tell the image format of \"{path}\": the file name must end in .png or .svg"
            : $"unsupported image format \"{extension}\" in \"{path}\": the file name must end in .png or .svg");
    }

    internal static void Validate(int width, int height)
    {
        if (width is < 16 or > 20_000)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The width must be between 16 and 20000 pixels.");
        }

        if (height is < 16 or > 20_000)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "The height must be between 16 and 20000 pixels.");
        }
    }

    internal static byte[] Png(Plot plot, int width, int height)
    {
        Validate(width, height);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    internal static string Svg(Plot plot, int width, int height)
    {
        Validate(width, height);
        return plot.GetSvgXml(width, height);
    }

    internal static void Save(Plot plot, string path, int width, int height)
    {
        var format = FormatOf(path);
        Validate(width, height);
        if (format == PlotImageFormat.Png)
        {
            File.WriteAllBytes(path, Png(plot, width, height));
        }
        else
        {
            File.WriteAllText(path, Svg(plot, width, height));
        }
    }
}
