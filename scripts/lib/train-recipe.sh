# Sourced by scripts/train-default-model.sh and scripts/train-streaming-model.sh: the arguments both take, the data
# check, the synthetic speech, the trainer build, and the training options both recipes share (data, split,
# augmentation, optimiser; the networks are each script's own).
# Expects root (the repository) and default_out; sets data, out, install, trainer (array) and common (array).
data="${KWS_DATA_DIR:-$root/../shared/data}"
out="$default_out"
install=0
while (($#)); do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --install) install=1; shift ;;
    *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for folder in speech_commands mini_speech_commands more_words other_words _background_noise_; do
  [[ -d "$data/$folder" ]] || { echo "error: no $folder/ in '$data' (set --data or KWS_DATA_DIR)" >&2; exit 2; }
done

synthetic="${KWS_CACHE_DIR:-$HOME/.cache/kws}/synthetic-v2"
"$root/scripts/make-synthetic.sh" --out "$synthetic" --speakers 640 --seed 1
dotnet build "$root/Trainer/Trainer.csproj" -c Release -nologo -clp:ErrorsOnly
trainer=(dotnet "$root/Trainer/bin/Release/net10.0/kws-trainer.dll")
common=(--data "$data" --negatives "$data/other_words" --extra "$synthetic" --hold-out-noise --word-classes
  --speed-percent 10 --gain-db 12 --unknown-share 3 --partial-words 30 --spec-augment --real-keyword-repeat 1
  --keep-last --seed 1 --threads 2)
