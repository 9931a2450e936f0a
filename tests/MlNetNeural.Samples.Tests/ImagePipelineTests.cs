using MedicalImaging.Images;
using Microsoft.ML;

namespace MlNetNeural.Samples.Tests;

/// <summary>The sample's image path on a small folder of PNGs in two visibly different classes (no network access).</summary>
[Collection(ReportFolderCollection.Name)]
public class ImagePipelineTests
{
    [Fact]
    public void PixelPipelineLearnsTwoVisiblyDifferentClasses()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 32, seed: 3);
        var images = ImageFolder.Read(folder.Path).Images;

        // One held-out quarter is 16 images, so one image is 6 points and one seed's result is mostly its draw (the
        // split, the initial weights, the dropout masks). The pipeline is judged on five seeds, each its own split and
        // network: 80 held-out images, whose share right is the mean of the five accuracies.
        var results = PixelResultsOverSeeds(images);

        Assert.All(results, result => Assert.Equal(["cross", "disc"], result.Classes.Order()));
        Assert.All(results, result => Assert.Equal(16, result.TestImages));
        double accuracy = results.Average(r => r.Accuracy);
        Assert.True(accuracy >= 0.9, $"Held-out accuracy {accuracy:P1} on synthetic discs vs crosses over five seeds ({string.Join(", ", results.Select(r => r.Accuracy.ToString("P1")))}); expected >= 90%.");
    }

    [Fact]
    public void ShuffledLabelsAreNotLearned()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 32, seed: 3);
        var images = ImageFolder.Read(folder.Path).Images;
        var random = new Random(5);
        var labels = images.Select(i => i.Label).OrderBy(_ => random.Next()).ToArray();
        var shuffled = images.Select((image, i) => image with { Label = labels[i] }).ToList();

        double accuracy = PixelResultsOverSeeds(shuffled).Average(r => r.Accuracy);

        Assert.True(accuracy <= 0.8, $"Held-out accuracy {accuracy:P1} over five seeds with shuffled labels; the learning test above would prove nothing.");
    }

    /// <summary>The pixel pipeline's held-out results with the seeds 1-5 (each its own split and network).</summary>
    private static ImageResult[] PixelResultsOverSeeds(IReadOnlyList<LabeledImage> images) =>
        Enumerable.Range(1, 5).Select(seed => ImageClassifier.TrainAndTest(new MLContext(1), images, ImageFeatureKind.Pixels, seed, TextWriter.Null)).ToArray();

    [Fact]
    [Trait("Category", "Slow")]
    public void ResNet18FeaturesFromTheNuGetPackageLearnTwoVisiblyDifferentClasses()
    {
        string model = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        Assert.True(File.Exists(model), $"'{model}' is missing: the Microsoft.ML.DnnImageFeaturizer.ResNet18 package's build props copy it to the output.");
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 12, seed: 4);
        var images = ImageFolder.Read(folder.Path).Images;
        var progress = new StringWriter();

        var result = ImageClassifier.TrainAndTest(new MLContext(1), images, ImageFeatureKind.ResNet18, seed: 1, progress);

        Assert.Contains("ResNet18 features", progress.ToString());
        Assert.Contains("24/24", progress.ToString());
        Assert.True(result.Accuracy >= 0.8, $"Held-out accuracy {result.Accuracy:P1} with ResNet18 features; expected >= 80%.");
    }

    [Fact]
    public void CorruptImagesAndOtherFilesAreNamedAndLeftOut()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 5, seed: 1);
        string corrupt = System.IO.Path.Combine(folder.Path, "disc", "broken.png");
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);       // a PNG signature, then nothing usable
        string notes = System.IO.Path.Combine(folder.Path, "cross", "notes.txt");
        File.WriteAllText(notes, "not an image");

        var contents = ImageFolder.Read(folder.Path);

        Assert.Equal(10, contents.Images.Count);
        Assert.Equal([System.IO.Path.GetFullPath(notes), System.IO.Path.GetFullPath(corrupt)], contents.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.Contains(contents.Skipped, s => s.Path.EndsWith("broken.png", StringComparison.Ordinal) && s.Reason.Contains("cannot be decoded"));
        Assert.Contains(contents.Skipped, s => s.Path.EndsWith("notes.txt", StringComparison.Ordinal) && s.Reason.Contains("not an image file (.txt"));
    }

    [Fact]
    public void TheRunNamesACorruptImageAndSaysWhenNothingWasLearned()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 12, seed: 2);
        // Both classes hold the same kind of image: there is nothing to learn.
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(folder.Path, "cross"))) File.Delete(file);
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(folder.Path, "disc")).Skip(6))
            File.Move(file, System.IO.Path.Combine(folder.Path, "cross", System.IO.Path.GetFileName(file)));
        File.WriteAllBytes(System.IO.Path.Combine(folder.Path, "cross", "broken.jpg"), [0xFF, 0xD8, 0xFF, 0x00]);
        var output = new StringWriter();

        using var reports = new TemporaryFolder();
        ReportFolderCollection.With(reports.Path, () =>
            new MedicalImaging.SampleRun(MedicalImaging.SampleOptions.Parse(["--images", folder.Path]), output, new MedicalImaging.Reporting.RunResults()).ClassifyImages());

        Assert.Contains("broken.jpg: cannot be decoded", output.ToString());
        Assert.Contains("not significantly better than always guessing the most frequent class", output.ToString());
    }

    [Fact]
    public void ChanceLevelIsABinomialTailAgainstTheLargestClass()
    {
        Assert.Equal(0.5, ChanceLevel.TailProbability(1, 1, 0.5), 12);
        Assert.Equal(11.0 / 16, ChanceLevel.TailProbability(2, 4, 0.5), 12);
        Assert.False(ChanceLevel.IsBetterThanChance(9, 16, 0.5));
        Assert.True(ChanceLevel.IsBetterThanChance(15, 16, 0.5));
    }

    [Fact]
    public void FolderWithOneClassIsRejectedWithWhatToDo()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 4, seed: 1);
        Directory.Delete(Path.Combine(folder.Path, "cross"), recursive: true);

        var error = Assert.Throws<InvalidDataException>(() => ImageFolder.Read(folder.Path));

        Assert.Contains("one sub-folder per class", error.Message);
    }
}
