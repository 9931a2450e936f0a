using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural;
using MlNetNeural.Core.IO;
using MlNetNeural.Explanations;
using MlNetNeural.Reports.Explanations;
using MlNetNeural.Transformers;

namespace MedicalImaging.Images;

/// <summary>
/// Attribution heat maps over held-out images: for a few test images, each pixel's contribution (integrated gradients
/// from the mean training image) to the logit of the class the MLP predicted, drawn over the image and written as PNG.
/// Only pixel features can be drawn over the image; ResNet18 features are not pixels.
/// </summary>
public static class ImageAttributions
{
    /// <summary>Images explained per class.</summary>
    public const int PerClass = 2;

    /// <summary>
    /// Writes one PNG per explained test image into <paramref name="directory"/> and returns their paths.
    /// </summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="model">The fitted pipeline (label mapping, normalizer, multiclass MLP).</param>
    /// <param name="classifier">Its MLP.</param>
    /// <param name="training">The training rows as the pipeline reads them (for the baseline mean).</param>
    /// <param name="test">The held-out rows as the pipeline reads them, in the order of <paramref name="testImages"/>.</param>
    /// <param name="testImages">The held-out images, for names, labels and the pixels to draw.</param>
    /// <param name="testPixels">The held-out images' pixel features in [0, 1], planar RGB.</param>
    /// <param name="directory">Where the PNGs go (created if missing).</param>
    public static IReadOnlyList<string> Write(MLContext ml, ITransformer model, MlpMulticlassPredictionTransformer classifier, IDataView training, IDataView test,
        IReadOnlyList<LabeledImage> testImages, IReadOnlyList<float[]> testPixels, string directory)
    {
        var explainer = ml.Transforms.CalculateMlpFeatureContribution(classifier, MlpFeatureContributionOptions.AllUnnormalized()).Fit(model.Transform(training));
        var explained = explainer.Transform(model.Transform(test));
        var contributions = explained.GetColumn<VBuffer<float>>("FeatureContributions").Select(v => v.DenseValues().ToArray()).ToArray();
        var predicted = explained.GetColumn<uint>("PredictedLabel").Select(key => classifier.Model.ClassNames[(int)key - 1]).ToArray();
        var shape = new ImageShape(ImageFeaturizer.PixelSide, ImageFeaturizer.PixelSide, 3);

        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var group in Enumerable.Range(0, testImages.Count).GroupBy(i => testImages[i].Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (int i in group.Take(PerClass))
            {
                string name = Path.GetFileNameWithoutExtension(testImages[i].ImagePath);
                var plot = ExplanationPlots.ContributionImage($"attribution-{name}",
                    $"{name} ({testImages[i].Label}): predicted {predicted[i]}", contributions[i], testPixels[i], shape, $"the logit of '{predicted[i]}'");
                string path = Path.GetFullPath(Path.Combine(directory, plot.Key + ".png"));
                byte[] png = plot.ToPng();
                AtomicFile.Write(path, stream => stream.Write(png));
                paths.Add(path);
            }
        }
        return paths;
    }
}
