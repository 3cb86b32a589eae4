// The options of each game (shared/rules/README.md) with their defaults, in
// plain words for the create-room form. Only options that differ from the
// default are sent: a missing key takes its default on the server, which
// stays the judge of what is valid (it answers bad_option naming the key).
import type { GameName, Options } from '../net/protocol';

export type OptionValue = string | number | boolean;

export interface OptionSpec {
  key: string;
  label: string;
  /** What the option does, in plain words. */
  help: string;
  kind: 'choice' | 'bool' | 'number';
  /** choice: the values with their plain-words labels. */
  choices?: { value: OptionValue; label: string }[];
  min?: number;
  max?: number;
  step?: number;
  /** The default; may depend on other options (Golf's initial_flips). */
  default: OptionValue | ((o: Options) => OptionValue);
  /** Hidden when the option does not apply (Vegas pass limits...). */
  shownWhen?: (o: Options) => boolean;
}

export interface GameInfo {
  name: GameName;
  title: string;
  blurb: string;
  /** Seat count choice, where the game has one. */
  players?: { min: number; max: number; default: number; viaOption?: boolean };
  fixedPlayers: number;
}

export const GAME_INFO: Record<GameName, GameInfo> = {
  hearts: { name: 'hearts', title: 'Hearts', blurb: 'Four players. Avoid hearts and the queen of spades; lowest score wins.', fixedPlayers: 4 },
  spades: { name: 'spades', title: 'Spades', blurb: 'Two teams of two. Bid your tricks; spades are always trump.', fixedPlayers: 4 },
  sheepshead: {
    name: 'sheepshead', title: 'Sheepshead', blurb: 'Three to five players. Pick the blind, call a partner, take 61 of 120 points.',
    players: { min: 3, max: 5, default: 5, viaOption: true }, fixedPlayers: 5,
  },
  golf: {
    name: 'golf', title: 'Golf', blurb: 'Two to eight players. Make pairs in your grid; lowest total after the holes wins.',
    players: { min: 2, max: 8, default: 4 }, fixedPlayers: 4,
  },
  klondike: { name: 'klondike', title: 'Klondike', blurb: 'Solitaire. Build four suits from ace to king.', fixedPlayers: 1 },
};

const onOff = (on: string, off: string) => [
  { value: true, label: on },
  { value: false, label: off },
];

export const OPTION_SPECS: Record<GameName, OptionSpec[]> = {
  hearts: [
    { key: 'pass_cycle', label: 'Passing', kind: 'choice', default: 'left-right-across-hold',
      help: 'Before each hand everyone passes 3 cards. This sets the direction, hand after hand.',
      choices: [
        { value: 'left-right-across-hold', label: 'Left, right, across, then keep (no pass)' },
        { value: 'left-right-across', label: 'Left, right, across' },
        { value: 'left-right', label: 'Left, then right' },
        { value: 'left', label: 'Always left' },
        { value: 'none', label: 'Never pass' },
      ] },
    { key: 'first_trick_points', label: 'Points on the first trick', kind: 'bool', default: false,
      help: 'Normally nobody may throw a heart or the queen of spades on the very first trick.',
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'qs_breaks_hearts', label: 'Queen of spades breaks hearts', kind: 'bool', default: false,
      help: 'Hearts may be led once a heart has been played. With this on, the queen of spades counts too.',
      choices: onOff('Yes', 'No') },
    { key: 'moon', label: 'Shooting the moon', kind: 'choice', default: 'add_to_others',
      help: 'Taking all 13 hearts and the queen of spades in one hand "shoots the moon".',
      choices: [
        { value: 'add_to_others', label: 'Everyone else gets 26 points' },
        { value: 'subtract_from_shooter', label: 'The shooter loses 26 points' },
        { value: 'shooter_best', label: 'Whichever is better for the shooter' },
        { value: 'off', label: 'No moon: points count as usual' },
      ] },
    { key: 'jack_of_diamonds', label: 'Jack of diamonds bonus', kind: 'bool', default: false,
      help: 'Whoever takes the jack of diamonds gets 10 points off.', choices: onOff('On', 'Off') },
    { key: 'end_score', label: 'Game ends at', kind: 'number', min: 25, max: 500, step: 5, default: 100,
      help: 'The game ends when someone reaches this many points; the lowest score wins.' },
    { key: 'tie_rule', label: 'A tie for lowest', kind: 'choice', default: 'share',
      help: 'What happens when two players tie for the lowest score at the end.',
      choices: [
        { value: 'share', label: 'They share the win' },
        { value: 'play_on', label: 'Play another hand' },
      ] },
  ],
  spades: [
    { key: 'target_score', label: 'Winning score', kind: 'number', min: 100, max: 1000, step: 50, default: 500,
      help: 'The first team to reach this score wins.' },
    { key: 'losing_score', label: 'Mercy rule', kind: 'choice', default: 'off',
      help: 'A team that falls this low loses at once.',
      choices: [
        { value: 'off', label: 'Off' },
        { value: -200, label: 'At −200' },
        { value: -300, label: 'At −300' },
        { value: -500, label: 'At −500' },
      ] },
    { key: 'nil_allowed', label: 'Nil bids', kind: 'bool', default: true,
      help: 'A nil bid promises to win no trick at all, for a bonus.', choices: onOff('Allowed', 'Not allowed') },
    { key: 'nil_value', label: 'Nil bonus', kind: 'number', min: 50, max: 200, step: 10, default: 100,
      help: 'Points won by a successful nil, and lost by a failed one.',
      shownWhen: (o) => o.nil_allowed !== false },
    { key: 'nil_tricks', label: "Tricks taken by a nil bidder", kind: 'choice', default: 'bags',
      help: "What a failed nil's tricks are worth to the team.",
      shownWhen: (o) => o.nil_allowed !== false,
      choices: [
        { value: 'bags', label: 'They count as bags only' },
        { value: 'count_toward_bid', label: "They help the partner's bid" },
        { value: 'ignore', label: 'They count for nothing' },
      ] },
    { key: 'blind_nil', label: 'Blind nil', kind: 'bool', default: false,
      help: 'A team 100 points behind may bid nil before looking at its cards, for double the bonus.',
      shownWhen: (o) => o.nil_allowed !== false, choices: onOff('Allowed', 'Not allowed') },
    { key: 'blind_nil_exchange', label: 'Blind nil card swap', kind: 'choice', default: 2,
      help: 'After a blind nil the partners may swap cards.',
      shownWhen: (o) => o.nil_allowed !== false && o.blind_nil === true,
      choices: [
        { value: 2, label: 'Swap 2 cards' },
        { value: 0, label: 'No swap' },
      ] },
    { key: 'bag_limit', label: 'Bags before a penalty', kind: 'number', min: 5, max: 20, step: 1, default: 10,
      help: 'Each trick over your bid is a "bag"; collecting this many costs a penalty.' },
    { key: 'bag_penalty', label: 'Bag penalty', kind: 'number', min: 50, max: 200, step: 10, default: 100,
      help: 'Points lost each time a team reaches the bag limit.' },
    { key: 'must_break_spades', label: 'Leading spades', kind: 'bool', default: true,
      help: 'Whether spades may be led before one has been played.',
      choices: onOff('Only after spades are broken', 'Any time') },
  ],
  sheepshead: [
    { key: 'partner_mode', label: 'How the picker finds a partner', kind: 'choice', default: 'called_ace',
      help: 'Five players only: the picker plays with a secret partner.',
      shownWhen: (o) => (o.players ?? 5) === 5,
      choices: [
        { value: 'called_ace', label: 'The picker calls an ace' },
        { value: 'jack_of_diamonds', label: 'Whoever holds the jack of diamonds' },
      ] },
    { key: 'unknown_call', label: 'Unknown calls', kind: 'bool', default: true,
      help: 'A picker who has no card of any ace he could call may call one anyway, with a face-down "under".',
      shownWhen: (o) => (o.players ?? 5) === 5 && (o.partner_mode ?? 'called_ace') === 'called_ace',
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'call_ten', label: 'Calling a ten', kind: 'bool', default: true,
      help: 'A picker holding all three fail aces may call a ten instead.',
      shownWhen: (o) => (o.players ?? 5) === 5 && (o.partner_mode ?? 'called_ace') === 'called_ace',
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'allow_alone', label: 'Going alone', kind: 'bool', default: true,
      help: 'The picker may choose to play without a partner.', shownWhen: (o) => (o.players ?? 5) === 5,
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'jd_call_up', label: 'Call up a jack', kind: 'bool', default: false,
      help: 'A picker who holds the jack of diamonds may call the next jack up as partner.',
      shownWhen: (o) => (o.players ?? 5) === 5 && o.partner_mode === 'jack_of_diamonds',
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'no_pick', label: 'When nobody picks', kind: 'choice', default: 'leaster',
      help: 'What happens if every player passes on the blind.',
      choices: [
        { value: 'leaster', label: 'Play a leaster: fewest points wins' },
        { value: 'doubler', label: 'Throw the hand in; the next one counts double' },
        { value: 'forced_pick', label: 'The dealer must pick' },
      ] },
    { key: 'leaster_blind', label: 'Blind in a leaster', kind: 'choice', default: 'last_trick',
      help: 'Who gets the points of the blind in a leaster.', shownWhen: (o) => (o.no_pick ?? 'leaster') === 'leaster',
      choices: [
        { value: 'last_trick', label: 'The winner of the last trick' },
        { value: 'first_trick', label: 'The winner of the first trick' },
        { value: 'none', label: 'Nobody' },
      ] },
    { key: 'double_on_bump', label: 'Losing picker pays double', kind: 'bool', default: true,
      help: 'When the picker\'s side loses ("gets bumped"), it pays twice as much.', choices: onOff('Yes', 'No') },
    { key: 'schneider_schwarz', label: 'Schneider and schwarz', kind: 'bool', default: true,
      help: 'Big wins count more: 91+ points (schneider) pays double, every trick (schwarz) triple.',
      choices: onOff('Count', 'Do not count') },
    { key: 'cracking', label: 'Cracking', kind: 'bool', default: false,
      help: 'Players who never had a chance to pick may "crack" to double the stakes; the picker may double back.',
      choices: onOff('Allowed', 'Not allowed') },
    { key: 'rounds', label: 'Rounds', kind: 'number', min: 1, max: 10, step: 1, default: 2,
      help: 'How many times the deal goes around the table.' },
  ],
  golf: [
    { key: 'layout', label: 'Cards per player', kind: 'choice', default: 6,
      help: 'The size of each grid.',
      choices: [
        { value: 6, label: '6 cards (2 rows of 3)' },
        { value: 4, label: '4 cards (2 by 2, with knocking)' },
        { value: 9, label: '9 cards (3 by 3)' },
      ] },
    { key: 'holes', label: 'Holes', kind: 'number', min: 1, max: 18, step: 1, default: 9,
      help: 'How many deals the game lasts.' },
    { key: 'initial_flips', label: 'Cards turned up at the start', kind: 'number', min: 0, max: 3, step: 1,
      default: (o) => (Number(o.layout ?? 6) === 9 ? 3 : 2),
      help: 'Each player turns up this many of his cards before the first turn.',
      shownWhen: (o) => Number(o.layout ?? 6) !== 4 },
    { key: 'flip_after_discard', label: 'Turning a card after discarding', kind: 'choice', default: 'optional',
      help: 'When you discard the card you drew, you may turn up one of your face-down cards.',
      shownWhen: (o) => Number(o.layout ?? 6) !== 4,
      choices: [
        { value: 'optional', label: 'You may' },
        { value: 'required', label: 'You must' },
        { value: 'none', label: 'You may not' },
      ] },
    { key: 'final_turns', label: 'After someone goes out', kind: 'bool', default: true,
      help: 'When a player has all cards face up, the hole ends.',
      shownWhen: (o) => Number(o.layout ?? 6) !== 4,
      choices: onOff('Everyone else gets one more turn', 'The hole ends at once') },
    { key: 'jokers', label: 'Jokers', kind: 'bool', default: false,
      help: 'Adds two jokers per deck, worth −2 each.', choices: onOff('Included', 'Not included') },
    { key: 'out_penalty', label: 'Going out too early', kind: 'choice', default: 'none',
      help: 'Whoever goes out (or knocks) without the lowest score for the hole may pay double.',
      choices: [
        { value: 'none', label: 'No penalty' },
        { value: 'double', label: 'Their score is doubled' },
      ] },
  ],
  klondike: [
    { key: 'draw', label: 'Cards per draw', kind: 'choice', default: 1,
      help: 'How many cards turn over from the stock at a time.',
      choices: [
        { value: 1, label: 'One (easier)' },
        { value: 3, label: 'Three (harder)' },
      ] },
    { key: 'scoring', label: 'Scoring', kind: 'choice', default: 'standard',
      help: 'How points are counted.',
      choices: [
        { value: 'standard', label: 'Standard: points for each good move' },
        { value: 'vegas', label: 'Vegas: pay 52, earn 5 per card home' },
        { value: 'none', label: 'No score' },
      ] },
    { key: 'max_passes', label: 'Times through the stock', kind: 'number', min: 0, max: 10, step: 1, default: 0,
      help: '0 means as often as you like.', shownWhen: (o) => o.scoring !== 'vegas' },
    { key: 'vegas_cumulative', label: 'Carry the Vegas score over', kind: 'bool', default: false,
      help: 'Keep a running Vegas total from deal to deal.', shownWhen: (o) => o.scoring === 'vegas',
      choices: onOff('Yes', 'No') },
    { key: 'timed', label: 'Timed', kind: 'bool', default: false,
      help: 'Lose 2 points every 10 seconds, win a bonus for finishing fast.',
      shownWhen: (o) => (o.scoring ?? 'standard') === 'standard', choices: onOff('Yes', 'No') },
    { key: 'foundation_to_tableau', label: 'Taking cards back from the foundations', kind: 'bool', default: true,
      help: 'Whether a card may move back down from a foundation.', choices: onOff('Allowed', 'Not allowed') },
    { key: 'undo', label: 'Undo', kind: 'choice', default: 'unlimited',
      help: 'Take back your moves.',
      choices: [
        { value: 'unlimited', label: 'As often as you like' },
        { value: 'off', label: 'No undo' },
      ] },
    { key: 'auto_complete', label: 'Auto-complete', kind: 'bool', default: true,
      help: 'Finish the game with one click once every card is face up.', choices: onOff('Offered', 'Not offered') },
  ],
};

export function defaultOf(spec: OptionSpec, options: Options): OptionValue {
  return typeof spec.default === 'function' ? spec.default(options) : spec.default;
}

/** The value shown for an option: the chosen one, else its default. */
export function effectiveValue(spec: OptionSpec, options: Options): OptionValue {
  return spec.key in options ? options[spec.key] : defaultOf(spec, options);
}

export function visibleSpecs(game: GameName, options: Options): OptionSpec[] {
  return OPTION_SPECS[game].filter((s) => !s.shownWhen || s.shownWhen(options));
}

/**
 * What to send: only visible options whose value differs from the default,
 * so the server's defaults apply to everything the player left alone.
 */
export function optionsToSend(game: GameName, chosen: Options, players?: number): Options {
  const info = GAME_INFO[game];
  const context: Options = { ...chosen };
  if (info.players?.viaOption && players !== undefined) context.players = players;
  const out: Options = {};
  for (const spec of visibleSpecs(game, context)) {
    if (!(spec.key in chosen)) continue;
    if (chosen[spec.key] !== defaultOf(spec, context)) out[spec.key] = chosen[spec.key];
  }
  return out;
}

/** The options a room reports, described for people: "Passing: Always left". */
export function describeOptions(game: GameName, options: Options): string[] {
  const out: string[] = [];
  for (const spec of OPTION_SPECS[game]) {
    if (!(spec.key in options)) continue;
    const v = options[spec.key];
    if (v === defaultOf(spec, options)) continue;
    const label = spec.choices?.find((c) => c.value === v)?.label ?? String(v);
    out.push(`${spec.label}: ${label}`);
  }
  return out;
}
