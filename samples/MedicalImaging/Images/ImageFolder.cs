namespace MedicalImaging.Images;

/// <summary>Reads a folder laid out as one sub-folder per class, each holding that class's images.</summary>
public static class ImageFolder
{
    /// <summary>File extensions read as images (what ML.NET's LoadImages decodes through SkiaSharp).</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>Every image under <paramref name="directory"/>, labelled by its sub-folder, sorted by path.</summary>
    public static IReadOnlyList<LabeledImage> Read(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"Image folder '{directory}' does not exist. Pass a folder with one sub-folder per class.");
        var images = Directory.GetDirectories(directory).Order(StringComparer.Ordinal)
            .SelectMany(classFolder => Directory.GetFiles(classFolder)
                .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .Select(file => new LabeledImage(Path.GetFullPath(file), Path.GetFileName(classFolder))))
            .ToList();
        var counts = images.GroupBy(i => i.Label).ToDictionary(g => g.Key, g => g.Count());
        if (counts.Count < 2)
            throw new InvalidDataException(
                $"'{directory}' has images in {counts.Count} class sub-folder(s); a classifier needs at least two (one sub-folder per class, with {string.Join("/", Extensions)} files).");
        var tooSmall = counts.Where(c => c.Value < 4).Select(c => $"'{c.Key}' ({c.Value})").ToList();
        if (tooSmall.Count > 0)
            throw new InvalidDataException($"Classes {string.Join(", ", tooSmall)} in '{directory}' have fewer than 4 images; a train/test split needs more.");
        return images;
    }
}
