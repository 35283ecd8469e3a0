/**
 * The file helper that runs inside the sandbox: it performs the file tools' reads and writes there, so
 * every path (and any link swapped into it mid-call) is resolved in the sandbox's view, where only the
 * workspace is writable and nothing private exists. Perl, because it is the one scripting runtime with
 * open/fsync/rename/readdir that every Linux desktop ships (Debian marks perl-base Essential); Node is not
 * available to spawn inside a packaged Electron app (the RunAsNode fuse is off). It uses core modules only.
 *
 * Framing, both ways: a decimal length, a newline, then that many bytes. A request is its operation and
 * arguments separated by NUL, a write's content after the last NUL; a reply is `ok` or `err`, its fields
 * separated by NUL, data last.
 */
export const FILE_HELPER_SCRIPT = String.raw`
use strict;
use warnings;
use Fcntl qw(O_RDONLY O_WRONLY O_CREAT O_EXCL O_NOFOLLOW O_NONBLOCK O_DIRECTORY S_ISREG S_ISDIR S_ISLNK);
use IO::Handle;
binmode(STDIN);
binmode(STDOUT);
STDOUT->autoflush(1);

sub errname { for my $name (keys %!) { return $name if $!{$name}; } return 'EIO'; }
sub reply { my $body = join("\0", @_); print STDOUT length($body), "\n", $body; }
sub take {
  my ($n) = @_;
  my $buf = '';
  while (length($buf) < $n) {
    my $got = read(STDIN, $buf, $n - length($buf), length($buf));
    exit 0 unless $got;
  }
  return $buf;
}
sub dir_of { my ($p) = @_; $p =~ s{/[^/]*$}{}; return $p eq '' ? '/' : $p; }
sub base_of { my ($p) = @_; $p =~ s{^.*/}{}; return $p; }

# Opens a regular file to read; judges what was opened, not the name (it may have been swapped).
# A FIFO is opened non-blocking so it cannot hang the helper.
sub open_regular {
  my ($path) = @_;
  my @st = stat($path);
  return (undef, 'missing') unless @st;
  return (undef, 'dir') if S_ISDIR($st[2]);
  return (undef, 'other') unless S_ISREG($st[2]);
  sysopen(my $fh, $path, O_RDONLY | O_NONBLOCK) or return (undef, 'missing');
  my @fst = stat($fh);
  return (undef, 'other') unless @fst && S_ISREG($fst[2]);
  return ($fh, $fst[7]);
}

sub read_upto {
  my ($fh, $want) = @_;
  my $data = '';
  while (length($data) < $want) {
    my $got = sysread($fh, $data, $want - length($data), length($data));
    last unless $got;
  }
  return $data;
}

sub op_read {
  my ($path, $max) = @_;
  my ($fh, $size) = open_regular($path);
  return reply('ok', $size) unless $fh;
  return reply('ok', 'too-big', $size) if $size > $max;
  my $data = read_upto($fh, $max + 1);
  return reply('ok', 'too-big', length($data)) if length($data) > $max;
  return reply('ok', 'file', $data);
}

sub op_readmany {
  my ($max, @paths) = @_;
  my $body = 'ok';
  for my $path (@paths) {
    my ($fh, $size) = open_regular($path);
    my $data = ($fh && $size <= $max) ? read_upto($fh, $max + 1) : undef;
    $data = undef if defined $data && length($data) > $max;
    $body .= defined $data ? "\0" . length($data) . "\0" . $data : "\0-1\0";
  }
  print STDOUT length($body), "\n", $body;
}

sub mkdir_p {
  my ($dir) = @_;
  return 1 if -d $dir;
  my $parent = dir_of($dir);
  return 0 if $parent ne $dir && !mkdir_p($parent);
  return 1 if mkdir($dir);
  return -d $dir ? 1 : 0;
}

# Temp file in the same folder (O_EXCL, never through a link), fsync, rename, fsync the folder.
# A replaced file keeps its permissions.
sub op_write {
  my ($path, $data) = @_;
  my @st = stat($path);
  return reply('ok', 'dir') if @st && S_ISDIR($st[2]);
  my $existed = (@st || lstat($path)) ? 1 : 0;
  my $mode = @st ? ($st[2] & 07777) : undef;
  my $dir = dir_of($path);
  return reply('err', errname()) unless mkdir_p($dir);
  my $tmp = sprintf('%s/.%s.%08x%08x.tmp', $dir, base_of($path), int(rand(0xffffffff)), int(rand(0xffffffff)));
  sysopen(my $fh, $tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, defined $mode ? $mode : 0666) or return reply('err', errname());
  my $ok = 1;
  my $off = 0;
  while ($ok && $off < length($data)) {
    my $wrote = syswrite($fh, $data, length($data) - $off, $off);
    if (defined $wrote) { $off += $wrote } else { $ok = 0 }
  }
  $ok &&= chmod($mode, $fh) if defined $mode;
  $ok &&= $fh->sync;
  $ok &&= close($fh);
  $ok &&= rename($tmp, $path);
  unless ($ok) { my $e = errname(); unlink($tmp); return reply('err', $e); }
  if (sysopen(my $dh, $dir, O_RDONLY | O_DIRECTORY)) { $dh->sync; close($dh); }
  return reply('ok', $existed ? 'replaced' : 'created');
}

sub op_list {
  my ($path) = @_;
  my @st = stat($path);
  return reply('err', errname()) unless @st;
  return reply('err', 'ENOTDIR') unless S_ISDIR($st[2]);
  opendir(my $dh, $path) or return reply('err', errname());
  my @out = ('ok');
  while (defined(my $name = readdir($dh))) {
    next if $name eq '.' || $name eq '..';
    my @l = lstat("$path/$name");
    my $type = !@l ? 'other' : S_ISDIR($l[2]) ? 'dir' : S_ISLNK($l[2]) ? 'link' : S_ISREG($l[2]) ? 'file' : 'other';
    push @out, $type, ($type eq 'file' ? $l[7] : -1), $name;
  }
  closedir($dh);
  return reply(@out);
}

reply('ok', 'ready');
while (defined(my $line = <STDIN>)) {
  chomp $line;
  my $body = take($line);
  my ($op, $rest) = split(/\0/, $body, 2);
  $rest = '' unless defined $rest;
  if ($op eq 'read') { op_read(split(/\0/, $rest)) }
  elsif ($op eq 'readmany') { op_readmany(split(/\0/, $rest)) }
  elsif ($op eq 'write') { my ($path, $data) = split(/\0/, $rest, 2); op_write($path, defined $data ? $data : '') }
  elsif ($op eq 'list') { op_list($rest) }
  else { reply('err', 'EINVAL') }
}
`;
