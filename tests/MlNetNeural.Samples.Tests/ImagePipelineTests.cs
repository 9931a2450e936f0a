using MedicalImaging.Images;
using Microsoft.ML;

namespace MlNetNeural.Samples.Tests;

/// <summary>The sample's image path on a small folder of PNGs in two visibly different classes (no network access).</summary>
public class ImagePipelineTests
{
    [Fact]
    public void PixelPipelineLearnsTwoVisiblyDifferentClasses()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 32, seed: 3);
        var images = ImageFolder.Read(folder.Path);

        var result = ImageClassifier.TrainAndTest(new MLContext(1), images, ImageFeatureKind.Pixels, seed: 1, TextWriter.Null);

        Assert.Equal(["cross", "disc"], result.Classes.Order());
        Assert.Equal(16, result.TestImages);
        Assert.True(result.Accuracy >= 0.9, $"Held-out accuracy {result.Accuracy:P1} on synthetic discs vs crosses; expected >= 90%.");
    }

    [Fact]
    public void ShuffledLabelsAreNotLearned()
    {
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 32, seed: 3);
        var images = ImageFolder.Read(folder.Path);
        var random = new Random(5);
        var labels = images.Select(i => i.Label).OrderBy(_ => random.Next()).ToArray();
        var shuffled = images.Select((image, i) => image with { Label = labels[i] }).ToList();

        var result = ImageClassifier.TrainAndTest(new MLContext(1), shuffled, ImageFeatureKind.Pixels, seed: 1, TextWriter.Null);

        Assert.True(result.Accuracy <= 0.8, $"Held-out accuracy {result.Accuracy:P1} with shuffled labels; the learning test above would prove nothing.");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ResNet18FeaturesFromTheNuGetPackageLearnTwoVisiblyDifferentClasses()
    {
        string model = Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");
        Assert.True(File.Exists(model), $"'{model}' is missing: the Microsoft.ML.DnnImageFeaturizer.ResNet18 package's build props copy it to the output.");
        using var folder = new TemporaryFolder();
        SyntheticImages.Write(folder.Path, perClass: 12, seed: 4);
        var images = ImageFolder.Read(folder.Path);
        var progress = new StringWriter();

        var result = ImageClassifier.TrainAndTest(new MLContext(1), images, ImageFeatureKind.ResNet18, seed: 1, progress);

        Assert.Contains("ResNet18 features", progress.ToString());
        Assert.Contains("24/24", progress.ToString());
        Assert.True(result.Accuracy >= 0.8, $"Held-out accuracy {result.Accuracy:P1} with ResNet18 features; expected >= 80%.");
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
