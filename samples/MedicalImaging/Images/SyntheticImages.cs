using MlNetNeural.Core.Randomness;
using SkiaSharp;

namespace MedicalImaging.Images;

/// <summary>
/// Renders a folder of SYNTHETIC, NON-MEDICAL PNG images in two visibly different classes, to show the
/// image pipeline when no real folder is given: "disc" (a filled bright disc) and "cross" (two bright
/// crossing bars), each at a random position, size and brightness on a noisy dark background.
/// </summary>
public static class SyntheticImages
{
    /// <summary>The two class names (sub-folder names).</summary>
    public static readonly string[] Classes = ["disc", "cross"];

    /// <summary>Writes <paramref name="perClass"/> PNGs of each class under <paramref name="directory"/> (one sub-folder per class).</summary>
    public static void Write(string directory, int perClass, int seed, int size = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perClass, 1);
        var random = new DeterministicRandom((ulong)seed);
        foreach (string name in Classes)
        {
            string folder = Path.Combine(directory, name);
            Directory.CreateDirectory(folder);
            for (int i = 0; i < perClass; i++)
            {
                using var bitmap = Render(name, size, random);
                using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
                using var file = File.Create(Path.Combine(folder, $"{name}_{i:D3}.png"));
                png.SaveTo(file);
            }
        }
    }

    private static SKBitmap Render(string shape, int size, DeterministicRandom random)
    {
        var bitmap = new SKBitmap(size, size, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++)
        {
            byte noise = (byte)(20 + random.NextInt(40));
            bitmap.SetPixel(x, y, new SKColor(noise, noise, noise));
        }
        using var canvas = new SKCanvas(bitmap);
        byte brightness = (byte)(170 + random.NextInt(80));
        using var paint = new SKPaint { Color = new SKColor(brightness, brightness, brightness), IsAntialias = true };
        float extent = size * (0.22f + 0.12f * random.NextFloat());
        float cx = size * (0.35f + 0.3f * random.NextFloat()), cy = size * (0.35f + 0.3f * random.NextFloat());
        if (shape == "disc")
        {
            canvas.DrawCircle(cx, cy, extent, paint);
        }
        else
        {
            float thickness = size * 0.07f;
            canvas.DrawRect(cx - extent, cy - thickness, 2 * extent, 2 * thickness, paint);
            canvas.DrawRect(cx - thickness, cy - extent, 2 * thickness, 2 * extent, paint);
        }
        return bitmap;
    }
}
