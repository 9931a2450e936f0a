namespace MlNetNeural.Benchmarks.Data;

/// <summary>
/// Fashion-MNIST (Zalando, 60,000 training and 10,000 test images of 28×28 grey pixels in 10 clothing
/// classes), read from the IDX files that Debian's <c>dataset-fashion-mnist</c> package installs.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that, when set, names another folder holding the same four files.</summary>
    public const string DirectoryVariable = "FASHION_MNIST_DIR";

    /// <summary>Pixels per image (28 × 28).</summary>
    public const int PixelsPerImage = 28 * 28;

    /// <summary>Number of classes (T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot).</summary>
    public const int ClassCount = 10;

    /// <summary>
    /// Loads the training and test splits from <paramref name="directory"/>, else from the folder named by
    /// <see cref="DirectoryVariable"/>, else from <see cref="DefaultDirectory"/>.
    /// </summary>
    /// <param name="directory">Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz).</param>
    /// <exception cref="FileNotFoundException">A file is missing; the message says how to install the dataset.</exception>
    /// <exception cref="InvalidDataException">A file is not the expected IDX content.</exception>
    public static (LabelledImages Train, LabelledImages Test) Load(string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable(DirectoryVariable) ?? DefaultDirectory;
        return (LoadSplit(directory, "train"), LoadSplit(directory, "t10k"));
    }

    private static LabelledImages LoadSplit(string directory, string prefix)
    {
        string imagesPath = Locate(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Locate(directory, $"{prefix}-labels-idx1-ubyte");

        var (imageDimensions, pixels) = IdxFile.ReadBytes(imagesPath, expectedDimensions: 3);
        var (labelDimensions, labelBytes) = IdxFile.ReadBytes(labelsPath, expectedDimensions: 1);
        if (imageDimensions[1] * imageDimensions[2] != PixelsPerImage)
            throw new InvalidDataException($"'{imagesPath}' holds {imageDimensions[1]}×{imageDimensions[2]} images; Fashion-MNIST images are 28×28.");
        if (imageDimensions[0] != labelDimensions[0])
            throw new InvalidDataException($"'{imagesPath}' holds {imageDimensions[0]} images but '{labelsPath}' holds {labelDimensions[0]} labels.");

        var images = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) images[i] = pixels[i] / 255f;

        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labelBytes.Length; i++)
        {
            labels[i] = labelBytes[i];
            if (labels[i] >= ClassCount)
                throw new InvalidDataException($"'{labelsPath}' has label {labels[i]} at row {i}; Fashion-MNIST labels are 0..{ClassCount - 1}.");
        }
        return new LabelledImages(images, labels, PixelsPerImage);
    }

    private static string Locate(string directory, string name)
    {
        foreach (string candidate in new[] { name + ".gz", name })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(
            $"Fashion-MNIST file '{name}' (or '{name}.gz') is not in '{directory}'. " +
            "Install the dataset with:  sudo apt-get update && sudo apt-get install -y dataset-fashion-mnist  " +
            $"(it installs into {DefaultDirectory}), or set {DirectoryVariable} to a folder holding the four IDX files.",
            Path.Combine(directory, name + ".gz"));
    }
}
