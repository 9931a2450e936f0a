namespace MlNetNeural.Reports.Explanations;

/// <summary>
/// How a feature vector lays out an image: <see cref="Channels"/> planes of <see cref="Height"/> rows of
/// <see cref="Width"/> pixels, one plane after the other (ML.NET's <c>ExtractPixels</c> with its default
/// <c>interleavePixelColors: false</c>; a grey image has one channel, e.g. MNIST's 28 × 28).
/// </summary>
/// <param name="Width">Pixels per row, at least 1.</param>
/// <param name="Height">Rows, at least 1.</param>
/// <param name="Channels">Colour planes, at least 1.</param>
public sealed record ImageShape(int Width, int Height, int Channels = 1)
{
    /// <summary>Values per image: width × height × channels.</summary>
    public int Length => Width * Height * Channels;

    /// <summary>Throws unless the shape is positive and holds exactly <paramref name="values"/> values.</summary>
    internal void Check(int values, string what)
    {
        if (Width < 1 || Height < 1 || Channels < 1)
            throw new ArgumentOutOfRangeException(nameof(ImageShape), this, "An image shape needs a positive width, height and channel count.");
        if (Length != values)
            throw new ArgumentException($"The {what} have {values} values, but an image of {Width} × {Height} pixels with {Channels} channel(s) has {Length}.", nameof(ImageShape));
    }

    /// <summary>Per pixel, the sum over the channels of <paramref name="values"/> (row-major, <see cref="Height"/> × <see cref="Width"/>).</summary>
    internal double[,] SumOverChannels(IReadOnlyList<float> values)
    {
        var pixels = new double[Width, Height];
        int plane = Width * Height;
        for (int channel = 0; channel < Channels; channel++)
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                    pixels[x, y] += values[channel * plane + y * Width + x];
        return pixels;
    }
}
