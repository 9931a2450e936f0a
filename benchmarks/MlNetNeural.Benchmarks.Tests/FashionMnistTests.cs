using MlNetNeural.Benchmarks.Data;

namespace MlNetNeural.Benchmarks.Tests;

public class FashionMnistTests
{
    [Fact]
    public void MissingFilesExplainHowToInstallTheDataset()
    {
        using var folder = new TemporaryDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(folder.Path));

        Assert.Contains("apt-get install -y dataset-fashion-mnist", error.Message);
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void ScalesPixelsToUnitRangeAndKeepsRowMajorOrder()
    {
        using var folder = new TemporaryDirectory();
        byte[] pixels = new byte[2 * 784];
        pixels[0] = 255;
        pixels[784 + 783] = 51;
        WriteSplit(folder, "train", pixels, [3, 9]);
        WriteSplit(folder, "t10k", new byte[784], [0]);

        var (train, test) = FashionMnist.Load(folder.Path);

        Assert.Equal(2, train.Count);
        Assert.Equal(784, train.Features);
        Assert.Equal(1f, train.Images[0]);
        Assert.Equal(0.2f, train.Images[784 + 783], 6);
        Assert.Equal([3, 9], train.Labels);
        Assert.Equal(1, test.Count);
    }

    [Fact]
    public void RejectsALabelOutsideTheTenClasses()
    {
        using var folder = new TemporaryDirectory();
        WriteSplit(folder, "train", new byte[784], [10]);
        WriteSplit(folder, "t10k", new byte[784], [0]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path));

        Assert.Contains("label 10", error.Message);
    }

    [Fact]
    public void RejectsDifferentImageAndLabelCounts()
    {
        using var folder = new TemporaryDirectory();
        WriteSplit(folder, "train", new byte[2 * 784], [1]);
        WriteSplit(folder, "t10k", new byte[784], [0]);

        var error = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path));

        Assert.Contains("2 images", error.Message);
    }

    [Fact]
    public void LoadsTheInstalledDataset()
    {
        Assert.True(File.Exists(Path.Combine(FashionMnist.DefaultDirectory, "train-images-idx3-ubyte.gz")),
            "Fashion-MNIST is not installed: sudo apt-get install -y dataset-fashion-mnist");

        var (train, test) = FashionMnist.Load(FashionMnist.DefaultDirectory);

        Assert.Equal(60_000, train.Count);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(60_000 * 784, train.Images.Length);
        Assert.All(train.Images, pixel => Assert.InRange(pixel, 0f, 1f));
        Assert.Equal(Enumerable.Range(0, 10), train.Labels.Distinct().Order());
    }

    private static void WriteSplit(TemporaryDirectory folder, string prefix, byte[] pixels, byte[] labels)
    {
        IdxWriter.Write(folder.File($"{prefix}-images-idx3-ubyte.gz"), [pixels.Length / 784, 28, 28], pixels);
        IdxWriter.Write(folder.File($"{prefix}-labels-idx1-ubyte.gz"), [labels.Length], labels);
    }
}
