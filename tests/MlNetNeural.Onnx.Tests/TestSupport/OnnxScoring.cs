using Microsoft.ML;
using Microsoft.ML.Data;
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

    /// <summary>
    /// Runs the model on every row of <paramref name="data"/> at once (strict shape inference): each graph input is
    /// filled from the data column of the same name, a scalar column as <c>[N, 1]</c>, a vector of K as <c>[N, K]</c>,
    /// text as strings.
    /// </summary>
    public static Dictionary<string, Output> Run(byte[] model, IDataView data)
    {
        using var options = OnnxRuntimeLog.WarningLevelSessionOptions(strictShapeInference: true);
        using var session = new InferenceSession(model, options);
        var inputs = session.InputMetadata.Keys.Select(name => InputFrom(data, name)).ToList();
        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, ToOutput);
    }

    private static NamedOnnxValue InputFrom(IDataView data, string name)
    {
        var type = data.Schema[name].Type;
        if (type is VectorDataViewType { ItemType: var item, Size: var size } && item == NumberDataViewType.Single)
        {
            var rows = data.GetColumn<float[]>(name).ToArray();
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(rows.SelectMany(row => row).ToArray(), [rows.Length, size]));
        }
        if (type == NumberDataViewType.Single)
            return Scalars<float>(data, name);
        if (type == NumberDataViewType.Double)
            return Scalars<double>(data, name);
        if (type is BooleanDataViewType)
            return Scalars<bool>(data, name);
        if (type is TextDataViewType)
            return Scalars<string>(data, name);
        throw new NotSupportedException($"The test helper cannot feed column '{name}' of type {type}.");
    }

    private static NamedOnnxValue Scalars<T>(IDataView data, string name)
    {
        var values = data.GetColumn<T>(name).ToArray();
        return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<T>(values, [values.Length, 1]));
    }

    private static Output ToOutput(DisposableNamedOnnxValue value) => value.ElementType switch
    {
        TensorElementType.Float => new Output(value.AsTensor<float>().ToArray(), value.AsTensor<float>().Dimensions.ToArray()),
        TensorElementType.Bool => new Output(value.AsTensor<bool>().ToArray(), value.AsTensor<bool>().Dimensions.ToArray()),
        TensorElementType.Int64 => new Output(value.AsTensor<long>().ToArray(), value.AsTensor<long>().Dimensions.ToArray()),
        _ => throw new InvalidOperationException($"Unexpected output element type {value.ElementType} for '{value.Name}'."),
    };
}
