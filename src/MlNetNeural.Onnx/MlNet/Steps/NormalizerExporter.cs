using System.Collections.Immutable;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using MlNetNeural.Onnx.Graph;
using static Microsoft.ML.Transforms.NormalizingTransformer;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// ML.NET's affine normalizers (<see cref="NormalizingTransformer"/> with <c>(x - Offset) * Scale</c> parameters:
/// <c>NormalizeMinMax</c>, <c>NormalizeMeanVariance</c>, <c>NormalizeLogMeanVariance</c> with <c>useCdf: false</c>,
/// <c>NormalizeRobustScaling</c>): <c>Sub</c> and <c>Mul</c>, read through the public <c>GetNormalizerModelParameters</c>.
/// </summary>
internal sealed class NormalizerExporter : IStepExporter
{
    public const string AffineNormalizers =
        "NormalizeMinMax, NormalizeMeanVariance, NormalizeLogMeanVariance with useCdf: false, or NormalizeRobustScaling";

    public ColumnTranslation Translate(PipelineStep step, string column)
    {
        var input = OneToOneInput.Of(step, column);
        if (input.Shape.ElementType != DataType.Float || input.Shape.IsKey)
            throw ExportRefusal.Step(step, $"normalizes '{input.Name}' of type {input.Type}; only Single columns are exported.");
        var (scale, offset) = ((NormalizingTransformer)step.Transformer).GetNormalizerModelParameters(input.Index) switch
        {
            AffineNormalizerModelParameters<ImmutableArray<float>> affine => (affine.Scale.ToArray(), affine.Offset.IsDefaultOrEmpty ? null : affine.Offset.ToArray()),
            AffineNormalizerModelParameters<float> affine => (new[] { affine.Scale }, new[] { affine.Offset }),
            CdfNormalizerModelParameters<ImmutableArray<float>> or CdfNormalizerModelParameters<float> => throw ExportRefusal.Step(step,
                $"maps '{column}' through the normal CDF (NormalizeMeanVariance or NormalizeLogMeanVariance with useCdf: true), which is not an affine map. " +
                $"Refit with useCdf: false (then ML.NET stores an affine (x - offset) * scale) or use another affine normalizer ({AffineNormalizers})."),
            BinNormalizerModelParameters<ImmutableArray<float>> or BinNormalizerModelParameters<float> => throw ExportRefusal.Step(step,
                $"bins '{column}' (NormalizeBinning or NormalizeSupervisedBinning), a piecewise-constant map, not an affine one. Use an affine normalizer ({AffineNormalizers})."),
            var other => throw ExportRefusal.Step(step,
                $"has {other.GetType().Name} parameters for '{column}'; only affine normalizers are exported ({AffineNormalizers})."),
        };
        if (scale.Length != input.Shape.Width || offset is not null && offset.Length != input.Shape.Width)
            throw ExportRefusal.Schema(step, $"was fitted on {scale.Length} slots of '{input.Name}', but the input schema gives it {input.Shape.Width}.");
        return new Affine(input.Name, new OnnxFeatureScalingLayer(offset ?? new float[input.Shape.Width], scale));
    }

    /// <summary>The scaling layer's own nodes: <c>Sub</c> (left out when every offset is 0), then <c>Mul</c>.</summary>
    private sealed class Affine(string input, OnnxFeatureScalingLayer map) : ColumnTranslation(input)
    {
        public override void AddTo(OnnxGraphBuilder graph, string prefix, IReadOnlyList<string> inputs, string output) =>
            map.AddTo(graph, prefix, inputs[0], output);
    }
}
