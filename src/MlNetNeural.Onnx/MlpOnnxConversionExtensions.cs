using Microsoft.ML;
using MlNetNeural.Onnx.MlNet;

namespace MlNetNeural.Onnx;

/// <summary>
/// <c>mlContext.Model.ConvertMlpToOnnx(...)</c>: exports a fitted MLP, alone or with the ML.NET steps that compute its
/// feature column (Concatenate, ReplaceMissingValues, IndicateMissingValues, MapValueToKey, OneHotEncoding, ConvertType,
/// affine normalizers), as an ONNX model whose inputs are the raw data columns.
/// </summary>
/// <remarks>
/// Use this instead of ML.NET's <c>ConvertToOnnx</c> for models that contain an MLP: ML.NET's converter does not know
/// the MLP and silently writes a pass-through graph for such a model (see docs/onnx.md).
/// </remarks>
public static class MlpOnnxConversionExtensions
{
    /// <summary>
    /// Writes <paramref name="model"/> as ONNX to <paramref name="stream"/>, which is left open. The model is an
    /// MLP prediction transformer (<c>ml.BinaryClassification/MulticlassClassification/Regression.Trainers.Mlp</c>),
    /// alone or at the end of a chain, possibly nested, of the steps that compute its feature column:
    /// <c>Concatenate</c>, <c>ReplaceMissingValues</c>, <c>IndicateMissingValues</c>, <c>MapValueToKey</c> and
    /// <c>OneHotEncoding</c> (Indicator, Bag, Key) of text or Single columns, <c>MapKeyToVector</c>, <c>ConvertType</c>
    /// to Single, and the affine normalizers (<c>NormalizeMinMax</c>, <c>NormalizeMeanVariance</c>,
    /// <c>NormalizeLogMeanVariance</c> with <c>useCdf: false</c>, <c>NormalizeRobustScaling</c>). The graph inputs are
    /// the raw columns those steps read, named as in <paramref name="inputSchema"/> (text as strings); steps that do not
    /// lead to the features, such as the label's <c>MapValueToKey</c>, are left out. The outputs are named like ML.NET's
    /// columns (<see cref="OnnxMlpColumnNames"/>).
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="inputSchema">The schema of the data the model reads, e.g. <c>data.Schema</c> or the one <c>ml.Model.Load</c> returns.</param>
    /// <param name="stream">A writable stream.</param>
    /// <exception cref="ArgumentException">A step on the way to the features cannot be exported, such as <c>OneHotHashEncoding</c> or
    /// <c>FeaturizeText</c> (the message names the step and column and says what to do), <paramref name="inputSchema"/> does not fit
    /// the model, or the stream is not writable.</exception>
    public static void ConvertMlpToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        OnnxMlpWriter.Write(MlpPipelineDescriber.Describe(model, inputSchema), stream);
    }

    /// <summary>
    /// Writes <paramref name="model"/> as ONNX to the file <paramref name="filePath"/> (conventionally <c>*.onnx</c>),
    /// replacing it if it exists. The file is written to a temporary file in the same directory and renamed only when
    /// complete, so a failed conversion leaves an existing file untouched. Accepts the same models as the stream overload.
    /// </summary>
    /// <param name="catalog">The model operations catalog (<c>mlContext.Model</c>).</param>
    /// <param name="model">The fitted model.</param>
    /// <param name="inputSchema">The schema of the data the model reads.</param>
    /// <param name="filePath">Destination file; its directory must exist.</param>
    /// <exception cref="ArgumentException">The model holds a step that cannot be exported, or <paramref name="inputSchema"/> does not fit it.</exception>
    /// <exception cref="DirectoryNotFoundException">The destination directory does not exist.</exception>
    public static void ConvertMlpToOnnx(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        OnnxMlpWriter.Write(MlpPipelineDescriber.Describe(model, inputSchema), filePath);
    }
}
