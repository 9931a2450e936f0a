using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MlNetNeural.Onnx.Tests.TestSupport;

/// <summary>Scores feature rows with an OnnxRuntime session over an exported model.</summary>
internal static class OnnxScoring
{
    /// <summary>One graph output: its element values in row-major order and its shape.</summary>
    public sealed record Output(Array Values, int[] Shape);

    /// <summary>Runs the model on row-major <paramref name="rows"/>, by default with strict shape inference.</summary>
    public static Dictionary<string, Output> Run(byte[] model, string inputName, float[] rows, int featureCount, bool strictShapeInference = true)
    {
        using var options = OnnxRuntimeLog.WarningLevelSessionOptions(strictShapeInference);
        using var session = new InferenceSession(model, options);
        var input = new DenseTensor<float>(rows, [rows.Length / featureCount, featureCount]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, input)]);
        return results.ToDictionary(r => r.Name, ToOutput);
    }

    private static Output ToOutput(DisposableNamedOnnxValue value) => value.ElementType switch
    {
        TensorElementType.Float => new Output(value.AsTensor<float>().ToArray(), value.AsTensor<float>().Dimensions.ToArray()),
        TensorElementType.Bool => new Output(value.AsTensor<bool>().ToArray(), value.AsTensor<bool>().Dimensions.ToArray()),
        TensorElementType.Int64 => new Output(value.AsTensor<long>().ToArray(), value.AsTensor<long>().Dimensions.ToArray()),
        _ => throw new InvalidOperationException($"Unexpected output element type {value.ElementType} for '{value.Name}'."),
    };
}
