using MlNetNeural.Explanations;
using MlNetNeural.Models;
using MlNetNeural.Reports.Plots;

namespace MlNetNeural.Reports.Explanations;

/// <summary>
/// Pictures of what an MLP learned and of why it decided as it did, as report charts (SVG inline in HTML, PNG next to
/// Markdown): first-layer weight maps for tables and images, and one row's contributions as bars or as a heat map over
/// the image. Add them to a report with <see cref="ReportOptions.AdditionalPlots"/> or <see cref="ExplainedCase.Plot"/>.
/// </summary>
public static class ExplanationPlots
{
    /// <summary>Default width of these charts in pixels.</summary>
    public const int DefaultWidth = 720;

    /// <summary>
    /// One row's contributions as horizontal bars, largest on top (vermillion raises the output, blue lowers it), each
    /// labelled with the feature and its value; the features beyond <paramref name="maxBars"/> are summed into one grey bar.
    /// </summary>
    /// <param name="key">Stable key of the chart, also its PNG file name in Markdown output (e.g. "applicant-3-reasons").</param>
    /// <param name="title">Chart title.</param>
    /// <param name="features">Every feature of the row with its value and contribution, e.g. <see cref="ReasonCodes.All"/>.</param>
    /// <param name="outputName">What the contributions explain, for the axis, e.g. "the log-odds of default".</param>
    /// <param name="maxBars">Most features drawn as their own bar, at least 1.</param>
    public static ReportPlot Contributions(string key, string title, IReadOnlyList<FeatureReason> features, string outputName, int maxBars = 12)
    {
        Check(key, title);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBars, 1);
        if (features.Count == 0) throw new ArgumentException("There are no features to draw.", nameof(features));
        int bars = Math.Min(maxBars, features.Count) + (features.Count > maxBars ? 1 : 0);
        return new ReportPlot(key,
            $"Contributions to {outputName}: how far each feature moved the output away from its value at the baseline (integrated gradients). " +
            "Vermillion bars raise the output, blue bars lower it; the labels give the row's value of each feature. The grey bar, if any, sums the features not drawn; " +
            "all bars add up to the output minus its value at the baseline. Contributions explain the model's arithmetic, not causes in the world.",
            ContributionBarPlot.Create(title, features, outputName, maxBars), DefaultWidth, ContributionBarPlot.HeightFor(bars, 300));
    }

    /// <summary>
    /// One image's contributions as a heat map over it: the image in grey on the left; on the right the same image faded,
    /// under each pixel's contribution summed over its channels (vermillion raises the output, blue lowers it, faint near 0).
    /// </summary>
    /// <param name="key">Stable key of the chart, also its PNG file name in Markdown output.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="contributions">The row's contributions, one per feature (pixel and channel).</param>
    /// <param name="image">The row's feature values, laid out as <paramref name="shape"/>.</param>
    /// <param name="shape">How the features form the image.</param>
    /// <param name="outputName">What the contributions explain, e.g. "the logit of 'disc'".</param>
    public static ReportPlot ContributionImage(string key, string title, IReadOnlyList<float> contributions, IReadOnlyList<float> image, ImageShape shape, string outputName)
    {
        Check(key, title);
        ArgumentNullException.ThrowIfNull(contributions);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(shape);
        shape.Check(contributions.Count, "contributions");
        shape.Check(image.Count, "image values");
        return new ReportPlot(key,
            $"Contributions to {outputName} over the image: left, the image (channels averaged); right, the same image faded under each pixel's contribution " +
            "summed over its channels. Vermillion pixels raised the output, blue ones lowered it; pale areas mattered little. The contributions are measured " +
            "from the baseline image (by default the training mean), so they show what made this image differ from an average one in the model's eyes.",
            ContributionImagePlot.Create(title, contributions, image, shape, outputName), DefaultWidth, ContributionImagePlot.HeightFor(shape, DefaultWidth));
    }

    /// <summary>
    /// The first dense layer's weights as a heat map with a row per input feature (named) and a column per hidden unit.
    /// </summary>
    /// <param name="key">Stable key of the chart, also its PNG file name in Markdown output.</param>
    /// <param name="model">The trained MLP (<c>transformer.Model</c>).</param>
    /// <param name="featureNames">A name per input feature, in slot order.</param>
    /// <param name="maxUnits">Most hidden units drawn (those with the largest weight norms), at least 1.</param>
    public static ReportPlot FirstLayerWeights(string key, MlpModelParameters model, IReadOnlyList<string> featureNames, int maxUnits = 32)
    {
        Check(key, "weights");
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count != model.FeatureCount)
            throw new ArgumentException($"There are {featureNames.Count} feature names; the model reads {model.FeatureCount} features.", nameof(featureNames));
        var weights = Plots.FirstLayerWeights.Of(model.Network, maxUnits);
        return new ReportPlot(key,
            "Weights of the first layer: each column is one hidden unit, each row one input feature" + (weights.ScaledInputs ? " (after the model's own feature scaling)" : "") +
            ". Vermillion cells are positive weights, blue negative, white near zero, on one scale for the whole map. A feature whose row is pale everywhere barely reaches " +
            "the hidden layer; weights on features of different scales are comparable only when the features were standardised. The weights show connections, not " +
            "importance: later layers can amplify or cancel them (use the contributions for that)." + weights.Note,
            WeightMapPlot.Create(weights, featureNames), DefaultWidth, WeightMapPlot.HeightFor(featureNames.Count, 360));
    }

    /// <summary>
    /// Each hidden unit's first-layer weights drawn as an image of the input's shape (e.g. 28 × 28 for MNIST), in a grid.
    /// </summary>
    /// <param name="key">Stable key of the chart, also its PNG file name in Markdown output.</param>
    /// <param name="model">The trained MLP (<c>transformer.Model</c>), whose features are the image's pixels.</param>
    /// <param name="shape">How the features form the image.</param>
    /// <param name="maxUnits">Most units drawn (those with the largest weight norms), at least 1.</param>
    public static ReportPlot FirstLayerWeightImages(string key, MlpModelParameters model, ImageShape shape, int maxUnits = 36)
    {
        Check(key, "weights");
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(shape);
        shape.Check(model.FeatureCount, "model's features");
        var weights = Plots.FirstLayerWeights.Of(model.Network, maxUnits);
        return new ReportPlot(key,
            "Each tile is one hidden unit of the first layer: its weight on every pixel, drawn where the pixel is (channels summed). Vermillion pixels " +
            "excite the unit when bright, blue ones inhibit it; each tile is scaled to its own largest weight so that every pattern shows. Strokes and blobs " +
            "are features the network learned to look for; speckle means a unit learned little (or the network is small for the data)." + weights.Note,
            WeightImagesPlot.Create(weights, shape), DefaultWidth, WeightImagesPlot.HeightFor(weights.Units.Length, shape, DefaultWidth));
    }

    private static void Check(string key, string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        if (key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || key.Contains(' '))
            throw new ArgumentException($"The chart key '{key}' becomes a file name: use letters, digits and dashes.", nameof(key));
    }
}
