using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetNeural.MlNet.Internals;
using MlNetNeural.Transformers;
using static Microsoft.ML.Transforms.NormalizingTransformer;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>
/// Turns a fitted ML.NET model (an MLP prediction transformer, optionally after affine normalizers of its feature
/// column, in possibly nested chains) into an <see cref="OnnxMlpDescription"/> whose input is the raw feature column.
/// Anything else is refused with a message naming the step.
/// </summary>
internal static class MlpPipelineDescriber
{
    /// <summary>Metadata key of the multiclass class names (a JSON array of strings, in score order).</summary>
    public const string ClassNamesMetadataKey = "MlNetNeural.ClassNames";

    private const string AffineNormalizers =
        "NormalizeMinMax, NormalizeMeanVariance, NormalizeLogMeanVariance with useCdf: false, or NormalizeRobustScaling";

    private const string ConvertOtherStepsAdvice =
        "Convert the other steps with ML.NET's own converter (ml.Model.ConvertToOnnx, package Microsoft.ML.OnnxConverter) on a chain that does not contain the MLP, " +
        "or run them in ML.NET before scoring the exported model.";

    public static OnnxMlpDescription Describe(ITransformer model, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        var steps = PipelineStep.Flatten(model, inputSchema);
        var mlpStep = steps.FirstOrDefault(step => step.Transformer is MlpPredictionTransformer)
            ?? throw Refused(steps.Count == 0
                ? "The model is an empty chain; there is no MLP prediction transformer to export."
                : $"The model has no MLP prediction transformer (from ml.*.Trainers.Mlp); its steps are {string.Join("; ", steps.Select(s => s.Describe()))}.");
        var mlp = (MlpPredictionTransformer)mlpStep.Transformer;

        if (steps.FirstOrDefault(step => step.Position > mlpStep.Position) is { } after)
            throw Refused($"{after.Describe()} comes after the MLP; the exported graph ends with the MLP's outputs. Export the chain up to the MLP and apply this step to the ONNX outputs in ML.NET. {ConvertOtherStepsAdvice}");
        if (steps.FirstOrDefault(step => step.Position < mlpStep.Position && step.Transformer is not NormalizingTransformer) is { } before)
            throw Refused($"{before.Describe()} is not supported: only affine normalizers ({AffineNormalizers}) of the MLP's feature column may come before the MLP. " +
                $"If the step only prepares the label for training (such as MapValueToKey), export a chain without it, for example the fitted chain's LastTransformer. {ConvertOtherStepsAdvice}");

        var normalization = new AffineComposition(mlp.Model.FeatureCount);
        string rawColumn = mlp.FeatureColumnName;
        foreach (var step in steps.Where(step => step.Position < mlpStep.Position).Reverse())
            rawColumn = FollowNormalizerBack(step, rawColumn, mlp.FeatureColumnName);
        foreach (var step in steps.Where(step => step.Position < mlpStep.Position))
            Compose(normalization, step, mlp.Model.FeatureCount);

        RequireRawFeatureColumn(inputSchema, rawColumn, mlp.Model.FeatureCount);
        return new OnnxMlpDescription(mlp.Model.FeatureCount, MlpNetworkDescription.Layers(mlp.Model.Network), MlpNetworkDescription.Head(mlp.Model.Task))
        {
            InputNormalization = normalization.ToInputNormalization(),
            DecisionThreshold = mlp is MlpBinaryPredictionTransformer binary ? binary.ScoreThreshold : 0f,
            InputName = rawColumn,
            DocString = $"Converted from an ML.NET model: input column '{rawColumn}', {normalization.Count} affine normalizer(s) folded into the input normalization, " +
                $"MLP on feature column '{mlp.FeatureColumnName}' ({mlp.Model.Task}).",
            Metadata = mlp.Model.ClassNames.Count == 0
                ? null
                : new Dictionary<string, string> { [ClassNamesMetadataKey] = JsonSerializer.Serialize(mlp.Model.ClassNames) },
        };
    }

    /// <summary>Checks that the normalizer step writes exactly <paramref name="column"/> and returns the column it reads.</summary>
    private static string FollowNormalizerBack(PipelineStep step, string column, string featureColumn)
    {
        var pairs = NormalizerColumnPairs.Of((NormalizingTransformer)step.Transformer, step.InputSchema, step.AddedColumns);
        if (pairs.FirstOrDefault(pair => pair.Output != column).Output is { } stray)
            throw Refused($"{step.Describe()} normalizes column '{stray}', which does not lead to the MLP's feature column '{featureColumn}' (the exported graph computes only the MLP's outputs). Remove that column from the normalizer or the step from the exported chain.");
        if (pairs.Count != 1)
            throw Refused($"{step.Describe()} writes the column '{column}' {pairs.Count} times; use one normalizer column per output.");
        return pairs[0].Input;
    }

    private static void Compose(AffineComposition normalization, PipelineStep step, int featureCount)
    {
        var normalizer = (NormalizingTransformer)step.Transformer;
        string column = NormalizerColumnPairs.Of(normalizer, step.InputSchema, step.AddedColumns)[0].Output;
        switch (normalizer.GetNormalizerModelParameters(0))
        {
            case AffineNormalizerModelParameters<ImmutableArray<float>> affine when affine.Scale.Length == featureCount:
                if (normalization.Then(affine.Scale, affine.Offset) is int feature)
                    throw Refused($"{step.Describe()}: after the earlier normalizers feature {feature} of '{column}' is a non-zero constant, which has no (x - offset) * scale form. Drop the redundant normalizer.");
                break;
            case CdfNormalizerModelParameters<ImmutableArray<float>>:
                throw Refused($"{step.Describe()} maps '{column}' through the normal CDF (NormalizeMeanVariance or NormalizeLogMeanVariance with useCdf: true), which is not an affine map. " +
                    $"Refit with useCdf: false (then ML.NET stores an affine (x - offset) * scale) or use another affine normalizer ({AffineNormalizers}).");
            case BinNormalizerModelParameters<ImmutableArray<float>>:
                throw Refused($"{step.Describe()} bins '{column}' (NormalizeBinning or NormalizeSupervisedBinning), a piecewise-constant map, not an affine one. Use an affine normalizer ({AffineNormalizers}).");
            case var other:
                throw Refused($"{step.Describe()} has {other.GetType().Name} parameters for '{column}'; only affine normalizers of a vector of {featureCount} Singles are supported ({AffineNormalizers}).");
        }
    }

    private static void RequireRawFeatureColumn(DataViewSchema inputSchema, string name, int featureCount)
    {
        var expected = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        var column = inputSchema.GetColumnOrNull(name);
        if (column is null || column.Value.IsHidden)
            throw new ArgumentException($"Cannot convert the model to ONNX: the input schema has no column '{name}', which the exported graph reads (a vector of {featureCount} Singles).", nameof(inputSchema));
        if (!column.Value.Type.Equals(expected))
            throw new ArgumentException($"Cannot convert the model to ONNX: input column '{name}' is {column.Value.Type}; the exported graph reads a known-size vector of {featureCount} Singles.", nameof(inputSchema));
    }

    private static ArgumentException Refused(string reason) => new($"Cannot convert the model to ONNX. {reason}", "model");
}
