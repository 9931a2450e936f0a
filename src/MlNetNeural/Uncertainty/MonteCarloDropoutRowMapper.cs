using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Data;
using MlNetNeural.Scoring;

namespace MlNetNeural.Uncertainty;

/// <summary>
/// Maps rows to the same rows plus the Monte-Carlo dropout columns. Each row runs once through the
/// network as a batch of N copies in training mode (dropout active), with a generator re-seeded from
/// the same seed for every row: the N dropout masks are a fixed, seeded ensemble of thinned networks,
/// so a row's result depends only on its features and the seed, not on row order, cursors or threads.
/// </summary>
internal sealed class MonteCarloDropoutRowMapper : NetworkRowMapper
{
    /// <summary>Stream number that separates this generator from the trainer's (see <see cref="DeterministicRandom.ForStream"/>).</summary>
    private const int DropoutStream = 0x4D43_4450;

    private readonly MonteCarloDropoutTransformer _owner;

    public MonteCarloDropoutRowMapper(MonteCarloDropoutTransformer owner, DataViewSchema inputSchema)
        : base(owner.Model.Network, owner.FeatureColumnName, inputSchema, AppendedColumns(owner))
    {
        _owner = owner;
    }

    private bool IsBinary => IsBinaryModel(_owner);

    private static bool IsBinaryModel(MonteCarloDropoutTransformer owner) => owner.Model.Task == Models.MlpTask.BinaryClassification;

    private static AppendedColumn[] AppendedColumns(MonteCarloDropoutTransformer owner)
    {
        bool binary = IsBinaryModel(owner);
        DataViewType probabilityType = binary
            ? NumberDataViewType.Single
            : new VectorDataViewType(NumberDataViewType.Single, owner.Model.Network.OutputSize);
        DataViewSchema.Annotations? classNames = null;
        if (!binary)
        {
            var builder = new DataViewSchema.Annotations.Builder();
            ScoreAnnotations.AddNames(builder, ScoreAnnotations.SlotNames, owner.Model.ClassNames);
            classNames = builder.ToAnnotations();
        }
        return
        [
            new(MonteCarloDropoutColumns.ProbabilityMean, probabilityType, classNames),
            new(MonteCarloDropoutColumns.ProbabilityStdDev, probabilityType, classNames),
            new(MonteCarloDropoutColumns.PredictiveEntropy, NumberDataViewType.Single, null),
        ];
    }

    public override DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new SampledRow(this, input, ActiveOutputs(activeColumns));

    /// <summary>A row that passes input columns through and computes the uncertainty columns from one cached set of passes.</summary>
    private sealed class SampledRow : AppendedColumnsRow
    {
        private readonly MonteCarloDropoutRowMapper _mapper;
        private readonly FeatureColumn.FeatureReader? _reader;
        private readonly NetworkWorkspace? _workspace;
        private readonly float[] _replicated;
        private readonly MonteCarloSummary _summary;
        private long _sampledPosition = -1;

        public SampledRow(MonteCarloDropoutRowMapper mapper, DataViewRow input, bool[] active) : base(mapper, input, active)
        {
            _mapper = mapper;
            var network = mapper.Network;
            int passes = mapper._owner.Passes;
            _replicated = new float[passes * network.InputSize];
            _summary = new MonteCarloSummary(network.OutputSize, mapper.IsBinary);
            if (active.Any(a => a))
            {
                _reader = mapper.Feature.CreateReader(input);
                _workspace = network.CreateWorkspace(passes);
            }
        }

        protected override Delegate CreateOutputGetter(int index, DataViewSchema.Column column) => column.Name switch
        {
            MonteCarloDropoutColumns.PredictiveEntropy => (ValueGetter<float>)((ref float value) => value = Sample().Entropy),
            MonteCarloDropoutColumns.ProbabilityMean => ProbabilityGetter(summary => summary.Mean),
            _ => ProbabilityGetter(summary => summary.StdDev),
        };

        private Delegate ProbabilityGetter(Func<MonteCarloSummary, float[]> select)
        {
            if (_mapper.IsBinary) return (ValueGetter<float>)((ref float value) => value = select(Sample())[0]);
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
            {
                var values = select(Sample());
                var editor = VBufferEditor.Create(ref value, values.Length);
                values.CopyTo(editor.Values);
                value = editor.Commit();
            });
        }

        private MonteCarloSummary Sample()
        {
            if (_sampledPosition == Input.Position) return _summary;
            var network = _mapper.Network;
            int size = network.InputSize, passes = _mapper._owner.Passes;
            var features = _replicated.AsSpan(0, size);
            _reader!.Read(features, Input.Position);
            _mapper.CheckFinite(Input.Position, features);
            for (int pass = 1; pass < passes; pass++) features.CopyTo(_replicated.AsSpan(pass * size, size));
            var mode = new ForwardMode(true, DeterministicRandom.ForStream(_mapper._owner.Seed, DropoutStream), 1);
            _summary.Compute(network.Forward(_replicated, _workspace!, passes, mode), passes);
            _sampledPosition = Input.Position;
            return _summary;
        }
    }
}
