using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural.Tests.Persistence;

/// <summary>Test-only identity transformer whose Load reads less than its Save wrote: a Save/Load mismatch.</summary>
internal sealed class MisreadingTransformer : ITransformer, ICanSaveModel, ILoadableTransformer<MisreadingTransformer>
{
    public static uint PayloadVersion => 1;

    public bool IsRowToRowMapper => false;

    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inputSchema;

    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

    public IDataView Transform(IDataView input) => input;

    void ICanSaveModel.Save(ModelSaveContext ctx) => ModelPersistence.Save<MisreadingTransformer>(ctx, payload => payload.Write(42L));

    public static MisreadingTransformer Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
    {
        payload.ReadInt32();
        return new MisreadingTransformer();
    }
}
