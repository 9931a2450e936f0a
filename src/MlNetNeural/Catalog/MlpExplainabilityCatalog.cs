using Microsoft.ML;
using MlNetNeural.Explanations;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Transformers;

namespace MlNetNeural;

/// <summary>
/// Per-row feature contributions of a trained MLP on ML.NET's transforms catalog, next to ML.NET's own
/// <c>CalculateFeatureContribution</c> (which takes only linear and tree models):
/// <c>mlContext.Transforms.CalculateMlpFeatureContribution(mlpTransformer)</c>.
/// </summary>
public static class MlpExplainabilityCatalog
{
    /// <summary>
    /// An estimator whose transformer adds the column "FeatureContributions": for each row, each feature's contribution to
    /// the MLP's output (binary: the logit; multiclass: the predicted class's logit; regression: the prediction) relative to
    /// the training mean, by integrated gradients. The parameters are ML.NET's <c>CalculateFeatureContribution</c>'s, with
    /// its defaults. Fit it on data with the MLP's feature column (the training data after the pipeline's transforms:
    /// that is where the baseline mean comes from).
    /// </summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="predictionTransformer">The fitted MLP, e.g. <c>model.LastTransformer</c> of a fitted or loaded pipeline.</param>
    /// <param name="numberOfPositiveContributions">How many of the largest positive contributions to keep per row; the others become 0.</param>
    /// <param name="numberOfNegativeContributions">How many of the most negative contributions to keep per row; the others become 0.</param>
    /// <param name="normalize">Scale each row's kept contributions into [−1, 1] by their largest absolute value.</param>
    /// <example><code>
    /// var model = pipeline.Fit(train);                                   // ends in ml.BinaryClassification.Trainers.Mlp()
    /// var explainer = ml.Transforms.CalculateMlpFeatureContribution(model.LastTransformer, normalize: false).Fit(model.Transform(train));
    /// var explained = explainer.Transform(model.Transform(test));        // adds "FeatureContributions"
    /// </code></example>
    public static MlpFeatureContributionEstimator CalculateMlpFeatureContribution(this TransformsCatalog catalog, MlpPredictionTransformer predictionTransformer,
        int numberOfPositiveContributions = MlpFeatureContributionOptions.Defaults.NumberOfPositiveContributions,
        int numberOfNegativeContributions = MlpFeatureContributionOptions.Defaults.NumberOfNegativeContributions,
        bool normalize = MlpFeatureContributionOptions.Defaults.Normalize) =>
        catalog.CalculateMlpFeatureContribution(predictionTransformer, new MlpFeatureContributionOptions
        {
            NumberOfPositiveContributions = numberOfPositiveContributions,
            NumberOfNegativeContributions = numberOfNegativeContributions,
            Normalize = normalize,
        });

    /// <summary>
    /// An estimator whose transformer adds per-row feature contributions of the MLP with the given method, baseline,
    /// explained class, counts and normalization (see <see cref="MlpFeatureContributionOptions"/>).
    /// </summary>
    /// <param name="catalog"><c>mlContext.Transforms</c>.</param>
    /// <param name="predictionTransformer">The fitted MLP, e.g. <c>model.LastTransformer</c> of a fitted or loaded pipeline.</param>
    /// <param name="options">Every setting.</param>
    /// <exception cref="ArgumentException">An option does not fit the model; the message names it.</exception>
    public static MlpFeatureContributionEstimator CalculateMlpFeatureContribution(this TransformsCatalog catalog, MlpPredictionTransformer predictionTransformer,
        MlpFeatureContributionOptions options) =>
        new(CatalogEnvironment.Of(catalog), predictionTransformer, options);
}
