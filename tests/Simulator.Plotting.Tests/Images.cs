using System.Buffers.Binary;
using System.Xml.Linq;

namespace Simulator.Plotting.Tests;

/// <summary>What a test may check about a picture without comparing its bytes.</summary>
internal static class Images
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the PNG signature and the IHDR chunk; returns the width and height it declares.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        png.Length.ShouldBeGreaterThan(33);
        png.AsSpan(0, 8).ToArray().ShouldBe(PngSignature);
        System.Text.Encoding.ASCII.GetString(png, 12, 4).ShouldBe("IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    /// <summary>How many pixels of the PNG have exactly the colour <c>#RRGGBB</c> (decoded with SkiaSharp, which ScottPlot draws with).</summary>
    public static int PixelsOfColour(byte[] png, string hex)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        var wanted = SkiaSharp.SKColor.Parse(hex);
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red == wanted.Red && pixel.Green == wanted.Green && pixel.Blue == wanted.Blue)
                {
                    count++;
                }
            }
        }

        return count;
    }

    /// <summary>Parses the SVG and checks its root; returns the document.</summary>
    public static XDocument Svg(string svg)
    {
        var document = XDocument.Parse(svg);
        document.Root.ShouldNotBeNull();
        document.Root.Name.LocalName.ShouldBe("svg");
        return document;
    }

    /// <summary>All text drawn in the SVG, one string per text element.</summary>
    public static IReadOnlyList<string> Texts(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
