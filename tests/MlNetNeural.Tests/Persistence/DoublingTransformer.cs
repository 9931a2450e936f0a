using MlNetNeural.Scoring;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Tests.Persistence;

/// <summary>
/// Test-only transformer that shows the persistence pattern for our transformers: it adds the column
/// "Doubled" = <see cref="Factor"/> * the float-vector input column. Its saved payload is the input column
/// name and the factor.
/// </summary>
internal sealed class DoublingTransformer : ITransformer, ICanSaveModel, ILoadableTransformer<DoublingTransformer>
{
    public const string OutputColumn = "Doubled";

    public DoublingTransformer(string inputColumn, float factor = 2f)
    {
        InputColumn = inputColumn;
        Factor = factor;
    }

    public string InputColumn { get; }

    public float Factor { get; }

    public static uint PayloadVersion => 1;

    public bool IsRowToRowMapper => true;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => new DoublingMapper(this, inputSchema).OutputSchema;

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => new DoublingMapper(this, inputSchema);

    public IDataView Transform(IDataView input) => new MappedDataView(input, GetRowToRowMapper(input.Schema));

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save<DoublingTransformer>(ctx, payload =>
    {
        payload.Write(InputColumn);
        payload.Write(Factor);
    });

    public static DoublingTransformer Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        if (payloadVersion != PayloadVersion)
            throw new InvalidDataException($"DoublingTransformer payload version {payloadVersion} is not readable; this code reads version {PayloadVersion}.");
        return new DoublingTransformer(payload.ReadString(), payload.ReadSingle());
    }
}
