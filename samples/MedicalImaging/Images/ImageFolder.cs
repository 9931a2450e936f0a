using SkiaSharp;

namespace MedicalImaging.Images;

/// <summary>A file under the image folder that the run does not use, and why.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="Reason">Why it was left out, e.g. "not an image file (.txt)".</param>
public sealed record SkippedFile(string Path, string Reason);

/// <summary>What an image folder holds: the images the run uses and the files it leaves out.</summary>
/// <param name="Images">Readable images, labelled by their sub-folder, sorted by path.</param>
/// <param name="Skipped">Files left out (not images, or images that cannot be decoded), sorted by path.</param>
public sealed record ImageFolderContents(IReadOnlyList<LabeledImage> Images, IReadOnlyList<SkippedFile> Skipped);

/// <summary>Reads a folder laid out as one sub-folder per class, each holding that class's images.</summary>
public static class ImageFolder
{
    /// <summary>File extensions read as images (what ML.NET's LoadImages decodes through SkiaSharp).</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>
    /// Every image under <paramref name="directory"/>, labelled by its sub-folder. Each image is decoded once here, so
    /// a corrupt or truncated file is named and left out instead of failing the run later inside ML.NET's image
    /// loading; files with other extensions are named and left out too.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">Fewer than two classes, or a class with fewer than four readable images.</exception>
    public static ImageFolderContents Read(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Image folder '{directory}' does not exist. Pass a folder with one sub-folder per class.");
        var images = new List<LabeledImage>();
        var skipped = new List<SkippedFile>();
        foreach (var classFolder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(classFolder).Order(StringComparer.Ordinal).Select(Path.GetFullPath))
            {
                if (!Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    skipped.Add(new SkippedFile(file, $"not an image file ({(Path.GetExtension(file) is { Length: > 0 } extension ? extension : "no extension")}; read: {string.Join(", ", Extensions)})"));
                else if (!Decodes(file))
                    skipped.Add(new SkippedFile(file, "cannot be decoded as an image (corrupt, truncated or not really an image)"));
                else
                    images.Add(new LabeledImage(file, Path.GetFileName(classFolder)));
            }
        }
        skipped.AddRange(Directory.GetFiles(directory).Order(StringComparer.Ordinal)
            .Select(file => new SkippedFile(Path.GetFullPath(file), "lies directly in the folder, not in a class sub-folder")));
        var counts = images.GroupBy(i => i.Label).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count < 2)
            throw new InvalidDataException(
                $"'{directory}' has readable images in {counts.Count} class sub-folder(s); a classifier needs at least two (one sub-folder per class, with {string.Join("/", Extensions)} files)." +
                SkippedText(skipped));
        var tooSmall = counts.Where(c => c.Value < 4).Select(c => $"'{c.Key}' ({c.Value})").ToList();
        if (tooSmall.Count > 0)
            throw new InvalidDataException($"Classes {string.Join(", ", tooSmall)} in '{directory}' have fewer than 4 readable images; a train/test split needs more." + SkippedText(skipped));
        return new ImageFolderContents(images, skipped);
    }

    private static bool Decodes(string file)
    {
        using var bitmap = SKBitmap.Decode(file);
        return bitmap is { Width: > 0, Height: > 0 };
    }

    private static string SkippedText(IReadOnlyList<SkippedFile> skipped) => skipped.Count == 0
        ? ""
        : $" Files left out: {string.Join("; ", skipped.Select(s => $"{s.Path}: {s.Reason}"))}.";
}
